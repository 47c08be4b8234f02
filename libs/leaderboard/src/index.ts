export * from './leaderboard-worker.module';
