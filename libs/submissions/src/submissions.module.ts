import { JobsModule } from '@arena/jobs';
import { RegistrationModule } from '@arena/registration';
import { TeamsModule } from '@arena/teams';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BlobsModule } from './blobs.module';
import { SubmissionEntity } from './submissions/entities/submission.entity';
import { SubmissionsRepository } from './submissions/submissions.repository';
import { SubmissionsService } from './submissions/submissions.service';
import { AiBoardService } from './standings/ai-board.service';
import { TaskEntity } from './tasks/entities/task.entity';
import { TasksController } from './tasks/tasks.controller';
import { TasksRepository } from './tasks/tasks.repository';
import { TasksService } from './tasks/tasks.service';

/** The api side of AI competitions: tasks, uploads, quotas, final selection. */
@Module({
  imports: [TypeOrmModule.forFeature([TaskEntity, SubmissionEntity]), RegistrationModule, TeamsModule, BlobsModule, JobsModule],
  controllers: [TasksController],
  providers: [TasksService, TasksRepository, SubmissionsService, SubmissionsRepository, AiBoardService],
  exports: [TasksService, SubmissionsService, AiBoardService],
})
export class SubmissionsModule {}
