import { AdWorkerModule } from '@arena/ad';
import { logTransport } from '@arena/common';
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
      useFactory: (config: AppConfig) => ({
        pinoHttp: { level: config.LOG_LEVEL, transport: logTransport(config.LOG_FORMAT, { tty: process.stdout.isTTY === true, production: config.isProduction }) },
      }),
    }),
    DatabaseModule,
    RedisModule,
    JobsModule,
    SubmissionsWorkerModule,
    LeaderboardWorkerModule,
    HackathonWorkerModule,
    AdWorkerModule,
  ],
})
export class WorkerModule {}
