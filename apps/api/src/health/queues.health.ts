import { QueueName } from '@arena/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';

@Injectable()
export class QueuesHealthIndicator {
  constructor(
    @InjectQueue(QueueName.SubmissionChecks) private readonly checks: Queue,
    @InjectQueue(QueueName.Leaderboards) private readonly leaderboards: Queue,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    try {
      const counts = await Promise.all([this.checks, this.leaderboards].map(async (queue) => [queue.name, await queue.getJobCounts('waiting', 'active', 'failed')] as const));
      return check.up(Object.fromEntries(counts));
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
