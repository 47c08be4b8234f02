import { AdModule } from '@arena/ad';
import { CtfModule } from '@arena/ctf';
import { HackathonModule } from '@arena/hackathon';
import { JobsModule } from '@arena/jobs';
import { RegistrationModule } from '@arena/registration';
import { SubmissionsModule } from '@arena/submissions';
import { TeamsModule } from '@arena/teams';
import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { BoardCache } from './board-cache.service';
import { BoardFeeds } from './board-feeds.service';
import { BoardPages } from './board-pages';
import { BoardComputer } from './board-computer.service';
import { LeaderboardStreamService } from './leaderboard-stream.service';
import { LeaderboardController } from './leaderboard.controller';
import { LeaderboardService } from './leaderboard.service';

/** The api side of leaderboards: cached boards, SSE, reveal, score history and the CTFtime feed. */
@Module({
  imports: [AdModule, CtfModule, HackathonModule, SubmissionsModule, RegistrationModule, TeamsModule, JobsModule],
  controllers: [LeaderboardController],
  providers: [BoardCache, BoardComputer, BoardFeeds, BoardPages, LeaderboardService, LeaderboardStreamService],
  exports: [LeaderboardStreamService, BoardPages],
})
export class LeaderboardModule implements OnApplicationBootstrap {
  constructor(private readonly cache: BoardCache) {}

  // Every api instance listens for new boards from boot: its memory copy is then always current.
  async onApplicationBootstrap(): Promise<void> {
    await this.cache.ensureSubscribed();
  }
}
