import { CtfModule } from '@arena/ctf';
import { RegistrationModule } from '@arena/registration';
import { SubmissionsModule } from '@arena/submissions';
import { Module } from '@nestjs/common';
import { LeaderboardController } from './leaderboard.controller';
import { LeaderboardService } from './leaderboard.service';

/** The api side of leaderboards: boards, score history and the CTFtime feed. */
@Module({
  imports: [CtfModule, SubmissionsModule, RegistrationModule],
  controllers: [LeaderboardController],
  providers: [LeaderboardService],
})
export class LeaderboardModule {}
