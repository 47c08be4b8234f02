import { Module } from '@nestjs/common';
import { SandboxStatusStore } from './sandbox-status.store';

/** The workers' sandbox statuses, readable by the api (health, tasks recording their runtime's versions). */
@Module({ providers: [SandboxStatusStore], exports: [SandboxStatusStore] })
export class SandboxStatusModule {}
