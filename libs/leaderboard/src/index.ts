export * from './board-document';
export * from './leaderboard-worker.module';
export * from './leaderboard.module';
export * from './board-cache.service';
export * from './board-computer.service';
export * from './board-pages';
export * from './leaderboard-stream.service';
export * from './leaderboard.service';
