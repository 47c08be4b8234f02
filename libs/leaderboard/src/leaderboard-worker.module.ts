import { AdModule } from '@arena/ad';
import { CtfModule } from '@arena/ctf';
import { HackathonModule } from '@arena/hackathon';
import { RegistrationModule } from '@arena/registration';
import { SubmissionsModule } from '@arena/submissions';
import { Module } from '@nestjs/common';
import { BoardCache } from './board-cache.service';
import { BoardComputer } from './board-computer.service';
import { LeaderboardsProcessor } from './leaderboards.processor';

/** The worker side of leaderboards; only apps/worker imports it. */
@Module({
  imports: [AdModule, CtfModule, HackathonModule, SubmissionsModule, RegistrationModule],
  providers: [LeaderboardsProcessor, BoardComputer, BoardCache],
})
export class LeaderboardWorkerModule {}
