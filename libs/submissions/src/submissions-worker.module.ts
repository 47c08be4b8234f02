import { JobsModule } from '@arena/jobs';
import { SandboxModule } from '@arena/sandbox';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BlobsModule } from './blobs.module';
import { CustomScorer } from './checks/custom-scorer';
import { MetricScorer } from './checks/metric-scorer';
import { SubmissionCheckService } from './checks/submission-check.service';
import { SubmissionChecksProcessor } from './submission-checks.processor';
import { SubmissionQueueSweeper } from './submission-queue.sweeper';
import { SubmissionEntity } from './submissions/entities/submission.entity';
import { SubmissionsRepository } from './submissions/submissions.repository';
import { TaskEntity } from './tasks/entities/task.entity';
import { TasksRepository } from './tasks/tasks.repository';

/** The worker side of submissions; only apps/worker imports it, so the api never consumes jobs. */
@Module({
  imports: [TypeOrmModule.forFeature([TaskEntity, SubmissionEntity]), BlobsModule, JobsModule, SandboxModule],
  providers: [SubmissionChecksProcessor, SubmissionQueueSweeper, SubmissionCheckService, MetricScorer, CustomScorer, SubmissionsRepository, TasksRepository],
})
export class SubmissionsWorkerModule {}
