import { CtfModule } from '@arena/ctf';
import { Module } from '@nestjs/common';
import { LeaderboardController } from './leaderboard.controller';

/** The api side of leaderboards: boards, score history and the CTFtime feed. */
@Module({
  imports: [CtfModule],
  controllers: [LeaderboardController],
})
export class LeaderboardModule {}
