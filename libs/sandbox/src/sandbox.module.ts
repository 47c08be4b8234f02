import { Module } from '@nestjs/common';
import { SandboxRunner } from './sandbox-runner';
import { SandboxStatusPublisher } from './sandbox-status.publisher';
import { SandboxStatusModule } from './sandbox-status.module';

/** The sandbox runner, for the worker's check pipelines; it reports its readiness and runtimes for /health. */
@Module({ imports: [SandboxStatusModule], providers: [SandboxRunner, SandboxStatusPublisher], exports: [SandboxRunner] })
export class SandboxModule {}
