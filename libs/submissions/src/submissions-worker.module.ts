import { Module } from '@nestjs/common';
import { SubmissionChecksProcessor } from './submission-checks.processor';

/** The worker side of submissions; only apps/worker imports it, so the api never consumes jobs. */
@Module({ providers: [SubmissionChecksProcessor] })
export class SubmissionsWorkerModule {}
