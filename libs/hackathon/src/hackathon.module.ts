import { JobsModule } from '@arena/jobs';
import { RegistrationModule } from '@arena/registration';
import { BlobsModule } from '@arena/submissions';
import { TeamsModule } from '@arena/teams';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CriteriaController } from './criteria/criteria.controller';
import { CriteriaRepository } from './criteria/criteria.repository';
import { CriteriaService } from './criteria/criteria.service';
import { CriterionEntity } from './criteria/entities/criterion.entity';
import { ExportsController } from './exports/exports.controller';
import { ExportsService } from './exports/exports.service';
import { HackathonAccessService } from './hackathon-access.service';
import { AssignmentsRepository } from './judging/assignments.repository';
import { AssignmentsService } from './judging/assignments.service';
import { EligibilityService } from './judging/eligibility.service';
import { JudgeAssignmentEntity } from './judging/entities/judge-assignment.entity';
import { JudgeConflictEntity } from './judging/entities/judge-conflict.entity';
import { JudgeInvitationEntity } from './judging/entities/judge-invitation.entity';
import { JudgeTrackEntity } from './judging/entities/judge-track.entity';
import { JudgeInvitationsController } from './judging/judge-invitations.controller';
import { JudgeInvitationsRepository } from './judging/judge-invitations.repository';
import { JudgeInvitationsService } from './judging/judge-invitations.service';
import { JudgeRemovalService } from './judging/judge-removal.service';
import { JudgesRepository } from './judging/judges.repository';
import { JudgesService } from './judging/judges.service';
import { JudgingProgressService } from './judging/judging-progress.service';
import { MyJudgingController } from './judging/my-judging.controller';
import { MyJudgingService } from './judging/my-judging.service';
import { JudgingController } from './judging/judging.controller';
import { RecusalsService } from './judging/recusals.service';
import { PairwiseJudgeEntity } from './pairwise/entities/pairwise-judge.entity';
import { PairwiseUndoEntity } from './pairwise/entities/pairwise-undo.entity';
import { PairwiseViewEntity } from './pairwise/entities/pairwise-view.entity';
import { PairwiseVoteEntity } from './pairwise/entities/pairwise-vote.entity';
import { PairwiseController } from './pairwise/pairwise.controller';
import { PairwiseRepository } from './pairwise/pairwise.repository';
import { PairwiseService } from './pairwise/pairwise.service';
import { PeoplesChoiceVoteEntity } from './peoples-choice/entities/peoples-choice-vote.entity';
import { PeoplesChoiceController } from './peoples-choice/peoples-choice.controller';
import { PeoplesChoiceRepository } from './peoples-choice/peoples-choice.repository';
import { PeoplesChoiceService } from './peoples-choice/peoples-choice.service';
import { ProjectVersionEntity } from './projects/entities/project-version.entity';
import { ProjectEntity } from './projects/entities/project.entity';
import { ProjectArchiveService } from './projects/project-archive.service';
import { ProjectsController } from './projects/projects.controller';
import { ProjectsRepository } from './projects/projects.repository';
import { ProjectsService } from './projects/projects.service';
import { HackathonBoardService } from './results/hackathon-board.service';
import { ResultsController } from './results/results.controller';
import { ResultsService } from './results/results.service';
import { StandingsService } from './results/standings.service';
import { ScoreSetEntity } from './scores/entities/score-set.entity';
import { ScoresController } from './scores/scores.controller';
import { ScoresRepository } from './scores/scores.repository';
import { ScoresService } from './scores/scores.service';
import { HackathonSettingsEntity } from './settings/entities/hackathon-settings.entity';
import { SettingsController } from './settings/settings.controller';
import { SettingsRepository } from './settings/settings.repository';
import { SettingsService } from './settings/settings.service';

/** Hackathons: projects, criteria, judge assignment, rubric and pairwise judging, people's choice, results and exports. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      HackathonSettingsEntity,
      ProjectEntity,
      ProjectVersionEntity,
      CriterionEntity,
      JudgeAssignmentEntity,
      JudgeConflictEntity,
      JudgeInvitationEntity,
      JudgeTrackEntity,
      ScoreSetEntity,
      PairwiseJudgeEntity,
      PairwiseViewEntity,
      PairwiseVoteEntity,
      PairwiseUndoEntity,
      PeoplesChoiceVoteEntity,
    ]),
    RegistrationModule,
    TeamsModule,
    BlobsModule,
    JobsModule,
  ],
  controllers: [
    SettingsController,
    ProjectsController,
    CriteriaController,
    JudgingController,
    JudgeInvitationsController,
    MyJudgingController,
    ScoresController,
    PairwiseController,
    PeoplesChoiceController,
    ResultsController,
    ExportsController,
  ],
  providers: [
    HackathonAccessService,
    MyJudgingService,
    SettingsRepository,
    SettingsService,
    ProjectsRepository,
    ProjectsService,
    ProjectArchiveService,
    CriteriaRepository,
    CriteriaService,
    JudgesRepository,
    JudgesService,
    JudgeInvitationsRepository,
    JudgeInvitationsService,
    JudgeRemovalService,
    EligibilityService,
    AssignmentsRepository,
    AssignmentsService,
    RecusalsService,
    JudgingProgressService,
    ScoresRepository,
    ScoresService,
    PairwiseRepository,
    PairwiseService,
    PeoplesChoiceRepository,
    PeoplesChoiceService,
    StandingsService,
    ResultsService,
    HackathonBoardService,
    ExportsService,
  ],
  exports: [ResultsService, StandingsService, HackathonBoardService],
})
export class HackathonModule {}
