import { JobsModule } from '@arena/jobs';
import { RegistrationModule } from '@arena/registration';
import { BlobsModule } from '@arena/submissions';
import { TeamsModule } from '@arena/teams';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnnouncementsController } from './announcements/announcements.controller';
import { AnnouncementsService } from './announcements/announcements.service';
import { AnnouncementEntity } from './announcements/entities/announcement.entity';
import { AttemptsController } from './attempts/attempts.controller';
import { AttemptsFastPath } from './attempts/attempts-fast-path';
import { AttemptLogRepository } from './attempts/attempt-log.repository';
import { AttemptsRepository } from './attempts/attempts.repository';
import { AttemptsService } from './attempts/attempts.service';
import { AttemptCounterEntity } from './attempts/entities/attempt-counter.entity';
import { AttemptEntity } from './attempts/entities/attempt.entity';
import { SolveEntity } from './attempts/entities/solve.entity';
import { AttemptsBatcher } from './attempts/attempts.batcher';
import { WrongAttemptsLimiter } from './attempts/wrong-attempts.limiter';
import { AwardsController } from './awards/awards.controller';
import { AwardsRepository } from './awards/awards.repository';
import { AwardsService } from './awards/awards.service';
import { AwardEntity } from './awards/entities/award.entity';
import { ChallengesController } from './challenges/challenges.controller';
import { ChallengesRepository } from './challenges/challenges.repository';
import { ChallengesService } from './challenges/challenges.service';
import { ChallengeBoardService } from './challenges/challenge-board.service';
import { BoardCallersBatcher } from './challenges/board-callers.batcher';
import { BoardCallers } from './challenges/board-callers';
import { ChallengeListFastPath } from './challenges/challenge-list-fast-path';
import { ChallengeFileEntity } from './challenges/entities/challenge-file.entity';
import { ChallengeEntity } from './challenges/entities/challenge.entity';
import { FlagEntity } from './challenges/entities/flag.entity';
import { FlagTestController } from './challenges/flag-test.controller';
import { FlagTestService } from './challenges/flag-test.service';
import { CtfAccessService } from './ctf-access.service';
import { HintUnlockEntity } from './hints/entities/hint-unlock.entity';
import { HintEntity } from './hints/entities/hint.entity';
import { HintsController } from './hints/hints.controller';
import { HintsRepository } from './hints/hints.repository';
import { HintsService } from './hints/hints.service';
import { ChallengeImportController } from './import/challenge-import.controller';
import { ChallengeImportService } from './import/challenge-import.service';
import { YamlBodyParser } from './import/yaml-body.parser';
import { CtfStandingsService } from './standings/ctf-standings.service';
import { CtfFeedsService } from './standings/ctf-feeds.service';
import { StandingsRepository } from './standings/standings.repository';
import { IncrementalStandings } from './standings/incremental-standings.service';
import { StandingsStateRepository } from './standings/standings-state.repository';

/** Jeopardy CTF: challenges, flags, attempts and solves, hints, awards, announcements, standings. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ChallengeEntity,
      FlagEntity,
      ChallengeFileEntity,
      HintEntity,
      HintUnlockEntity,
      AwardEntity,
      AttemptEntity,
      SolveEntity,
      AttemptCounterEntity,
      AnnouncementEntity,
    ]),
    RegistrationModule,
    JobsModule,
    TeamsModule,
    BlobsModule,
  ],
  controllers: [ChallengesController, AttemptsController, HintsController, AwardsController, AnnouncementsController, ChallengeImportController, FlagTestController],
  providers: [
    CtfAccessService,
    ChallengesRepository,
    ChallengesService,
    ChallengeBoardService,
    BoardCallersBatcher,
    BoardCallers,
    ChallengeListFastPath,
    AttemptsRepository,
    AttemptLogRepository,
    AttemptsService,
    AttemptsFastPath,
    WrongAttemptsLimiter,
    AttemptsBatcher,
    HintsRepository,
    HintsService,
    AwardsRepository,
    AwardsService,
    AnnouncementsService,
    StandingsRepository,
    CtfStandingsService,
    StandingsStateRepository,
    IncrementalStandings,
    CtfFeedsService,
    ChallengeImportService,
    YamlBodyParser,
    FlagTestService,
  ],
  exports: [BoardCallers, CtfStandingsService, IncrementalStandings, CtfFeedsService, ChallengesService, CtfAccessService, AttemptsFastPath, ChallengeListFastPath],
})
export class CtfModule {}
