import { JobsModule } from '@arena/jobs';
import { RegistrationModule } from '@arena/registration';
import { SandboxStatusModule } from '@arena/sandbox';
import { TeamsModule } from '@arena/teams';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BlobsModule } from './blobs.module';
import { BundleImportService } from './bundles/bundle-import.service';
import { SubmissionEntity } from './submissions/entities/submission.entity';
import { SubmissionRescoreService } from './submissions/submission-rescore.service';
import { SubmissionsRepository } from './submissions/submissions.repository';
import { SubmissionsService } from './submissions/submissions.service';
import { AiBoardService } from './standings/ai-board.service';
import { TaskEntity } from './tasks/entities/task.entity';
import { TasksController } from './tasks/tasks.controller';
import { TasksRepository } from './tasks/tasks.repository';
import { TaskEditsService } from './tasks/task-edits.service';
import { TasksService } from './tasks/tasks.service';

/** The api side of AI competitions: tasks, uploads, quotas, final selection. */
@Module({
  imports: [TypeOrmModule.forFeature([TaskEntity, SubmissionEntity]), RegistrationModule, TeamsModule, BlobsModule, JobsModule, SandboxStatusModule],
  controllers: [TasksController],
  providers: [BundleImportService, TasksService, TaskEditsService, TasksRepository, SubmissionsService, SubmissionRescoreService, SubmissionsRepository, AiBoardService],
  exports: [TasksService, SubmissionsService, AiBoardService],
})
export class SubmissionsModule {}
