import { AppConfig, ConfigModule } from '@arena/config';
import { DatabaseModule } from '@arena/database';
import { HackathonWorkerModule } from '@arena/hackathon';
import { JobsModule, RedisModule } from '@arena/jobs';
import { LeaderboardWorkerModule } from '@arena/leaderboard';
import { SubmissionsWorkerModule } from '@arena/submissions';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

// Only composition: the queue processors live in their libs.
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.LOG_LEVEL } }),
    }),
    DatabaseModule,
    RedisModule,
    JobsModule,
    SubmissionsWorkerModule,
    LeaderboardWorkerModule,
    HackathonWorkerModule,
  ],
})
export class WorkerModule {}
