import { AppConfig } from '@arena/config';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { LeaderboardNotifier } from './leaderboard-notifier';
import { LivePublisher } from './live-publisher';
import { QueueName } from './queue-name.enum';
import { redisOptions } from './redis-options';
import { defaultJobOptions } from './retry-policy';

const queues = Object.values(QueueName).map((name) => ({ name }));

/** Connects BullMQ to Redis and registers every queue, for producers (api) and consumers (worker). */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: redisOptions(config.REDIS_URL),
        prefix: config.BULLMQ_PREFIX,
        defaultJobOptions,
      }),
    }),
    BullModule.registerQueue(...queues),
  ],
  providers: [LeaderboardNotifier, LivePublisher],
  exports: [BullModule, LeaderboardNotifier, LivePublisher],
})
export class JobsModule {}
