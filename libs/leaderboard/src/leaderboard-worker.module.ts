import { Module } from '@nestjs/common';
import { LeaderboardsProcessor } from './leaderboards.processor';

/** The worker side of leaderboards; only apps/worker imports it. */
@Module({ providers: [LeaderboardsProcessor] })
export class LeaderboardWorkerModule {}
