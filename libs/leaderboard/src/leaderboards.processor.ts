import { AppConfig } from '@arena/config';
import { JobPayloads, LeaderboardsJob, QueueName } from '@arena/jobs';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';

type RecomputeJob = Job<JobPayloads[QueueName.Leaderboards][LeaderboardsJob], void, LeaderboardsJob>;

/** Consumes `leaderboards`: recomputes and publishes standings (the leaderboard issue fills it). */
@Processor(QueueName.Leaderboards)
export class LeaderboardsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(LeaderboardsProcessor.name);

  constructor(private readonly config: AppConfig) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: RecomputeJob): Promise<void> {
    switch (job.name) {
      case LeaderboardsJob.Recompute:
        this.logger.log(`event ${job.data.eventId}: no standings function registered yet`);
        return;
      default: {
        const unknown: never = job.name;
        throw new Error(`unknown job ${String(unknown)}`);
      }
    }
  }
}
