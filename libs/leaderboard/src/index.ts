export * from './board-document';
export * from './leaderboard-worker.module';
export * from './leaderboard.module';
