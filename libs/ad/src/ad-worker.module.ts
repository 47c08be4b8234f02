import { JobsModule } from '@arena/jobs';
import { SandboxModule } from '@arena/sandbox';
import { BlobsModule } from '@arena/submissions';
import { Module } from '@nestjs/common';
import { AdModule } from './ad.module';
import { CheckerRunner } from './checkers/checker-runner.service';
import { AdChecksProcessor } from './ticks/ad-checks.processor';
import { AdTickScheduler } from './ticks/ad-tick.scheduler';
import { TickRunner } from './ticks/tick-runner.service';

/** The worker side of attack-defence: the tick scheduler and the sandboxed checkers. */
@Module({
  imports: [AdModule, SandboxModule, BlobsModule, JobsModule],
  providers: [CheckerRunner, TickRunner, AdTickScheduler, AdChecksProcessor],
  exports: [AdTickScheduler],
})
export class AdWorkerModule {}
