import { Module } from '@nestjs/common';
import { SandboxRunner } from './sandbox-runner';

/** The sandbox runner, for the worker's check pipelines. */
@Module({ providers: [SandboxRunner], exports: [SandboxRunner] })
export class SandboxModule {}
