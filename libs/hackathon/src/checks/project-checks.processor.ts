import { AppConfig } from '@arena/config';
import { JobPayloads, ProjectChecksJob, QueueName } from '@arena/jobs';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { ProjectCheckService } from './project-check.service';

type CheckJob = Job<JobPayloads[QueueName.ProjectChecks][ProjectChecksJob], void, ProjectChecksJob>;

/** Consumes `project-checks`: the organiser's command on each uploaded project archive. */
@Processor(QueueName.ProjectChecks)
export class ProjectChecksProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProjectChecksProcessor.name);

  constructor(
    private readonly config: AppConfig,
    private readonly checks: ProjectCheckService,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: CheckJob): Promise<void> {
    switch (job.name) {
      case ProjectChecksJob.Check:
        return this.checks.check(job.data.projectId, job.data.blobKey);
      default: {
        const unknown: never = job.name;
        throw new Error(`unknown job ${String(unknown)}`);
      }
    }
  }

  // Without a listener an 'error' event (e.g. Redis closing at shutdown) would crash the process.
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`project-checks worker: ${error.message}`);
  }
}
