import { JobsModule, LeaderboardsJob, QueueName, SubmissionChecksJob, jobIds } from '@arena/jobs';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue, QueueEvents } from 'bullmq';
import { randomUUID } from 'crypto';
import { WorkerModule } from '../apps/worker/src/worker.module';

describe('worker (BullMQ consumers on real Redis)', () => {
  let worker: INestApplicationContext;

  beforeAll(async () => {
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
  });

  afterAll(async () => {
    await worker?.close();
  });

  async function runToCompletion(queueName: QueueName, name: string, data: object, jobId: string) {
    const queue = worker.get<Queue>(getQueueToken(queueName));
    const events = new QueueEvents(queueName, { connection: queue.opts.connection, prefix: queue.opts.prefix });
    await events.waitUntilReady();
    try {
      const job = await queue.add(name, data, { jobId });
      await job.waitUntilFinished(events, 10_000);
      return queue.getJob(jobId);
    } finally {
      await events.close();
    }
  }

  it('should register both queues from libs/jobs with the configured prefix', () => {
    for (const name of Object.values(QueueName)) {
      const queue = worker.get<Queue>(getQueueToken(name));
      expect(queue.name).toBe(name);
      expect(queue.opts.prefix).toBe(process.env.BULLMQ_PREFIX);
    }
    expect(JobsModule).toBeDefined();
  });

  it('should consume a submission-checks job when one is queued', async () => {
    const id = randomUUID();
    const job = await runToCompletion(QueueName.SubmissionChecks, SubmissionChecksJob.Check, { submissionId: id }, jobIds.check(id));
    expect(await job?.isCompleted()).toBe(true);
  });

  it('should consume a leaderboards job when one is queued', async () => {
    const id = randomUUID();
    const job = await runToCompletion(QueueName.Leaderboards, LeaderboardsJob.Recompute, { eventId: id }, jobIds.leaderboard(id));
    expect(await job?.isCompleted()).toBe(true);
  });

  it('should treat a second enqueue with the same job id as the same job', async () => {
    const queue = worker.get<Queue>(getQueueToken(QueueName.Leaderboards));
    const id = randomUUID();
    await queue.add(LeaderboardsJob.Recompute, { eventId: id }, { jobId: jobIds.leaderboard(id), delay: 60_000 });
    await queue.add(LeaderboardsJob.Recompute, { eventId: id }, { jobId: jobIds.leaderboard(id), delay: 60_000 });
    expect(await queue.getDelayedCount()).toBeGreaterThanOrEqual(1);
    const delayed = await queue.getDelayed();
    expect(delayed.filter((job) => job.id === jobIds.leaderboard(id))).toHaveLength(1);
    await (await queue.getJob(jobIds.leaderboard(id)))?.remove();
  });

  it('should close its workers when the context shuts down', async () => {
    const second = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await second.init();
    await expect(second.close()).resolves.toBeUndefined();
  });
});
