export * from './job-payloads';
export * from './jobs.module';
export * from './leaderboard-notifier';
export * from './live-publisher';
export * from './queue-name.enum';
export * from './redis-options';
export * from './redis.module';
export * from './retry-policy';
