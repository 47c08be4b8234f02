import { AppConfig } from '@arena/config';
import { LeaderboardNotifier, LivePublisher } from '@arena/jobs';
import { SandboxError, SandboxResult, SandboxRunner, SandboxVerdict } from '@arena/sandbox';
import { Injectable, Logger } from '@nestjs/common';
import { createWriteStream } from 'fs';
import { chmod, mkdir, rm } from 'fs/promises';
import { join } from 'path';
import { pipeline } from 'stream/promises';
import { extractZip } from '../archives/zip-archive';
import { ZipArchiveError } from '../archives/zip-reader';
import { BlobStore } from '../blobs/blob-store';
import { SubmissionEntity, SubmissionScores } from '../submissions/entities/submission.entity';
import { SubmissionReport } from '../submissions/submission-report';
import { SubmissionStatus } from '../submissions/submission-status.enum';
import { SubmissionsRepository } from '../submissions/submissions.repository';
import { TaskEntity } from '../tasks/entities/task.entity';
import { SubmissionType, TaskMetric } from '../tasks/task.enums';
import { TasksRepository } from '../tasks/tasks.repository';
import { runFacts, runOutput, StepResult } from './check-outcome';
import { CustomScorer, taskRunRequest } from './custom-scorer';
import { JobFolder, openRunOutput } from './job-folder';
import { MetricScorer, Split } from './metric-scorer';

const SPLITS: Split[] = ['public', 'private'];
// The start of every message about a worker without a usable sandbox (also matched when a job is given up).
const SANDBOX_UNAVAILABLE = 'the sandbox is unavailable on the worker';

class StepFailure extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** A run's facts for everyone, its output for organisers only. */
function record(report: SubmissionReport, step: string, run: SandboxResult): void {
  report.runs?.push(runFacts(step, run));
  report.output?.push(runOutput(step, run));
}

/** What a code task's team reads of a scoring failure: its class, no value its predictions.csv chose. */
function codeScoringMessage(reason: string): string {
  return reason === 'invalid-file' ? "your code's output/predictions.csv is not valid: see the task's format" : "the scorer could not score your code's output/predictions.csv";
}

const failed = (result: StepResult): result is { failure: string; reason: string } => 'failure' in result;

/**
 * The `submission-checks` pipeline: claims a queued submission, runs code and scorers in the sandbox,
 * scores both splits, writes the outcome once, then asks for the event's leaderboard.
 * Content problems end `failed` (refunded); infrastructure errors throw so BullMQ retries.
 */
@Injectable()
export class SubmissionCheckService {
  private readonly logger = new Logger(SubmissionCheckService.name);

  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly tasks: TasksRepository,
    private readonly blobs: BlobStore,
    private readonly sandbox: SandboxRunner,
    private readonly metrics: MetricScorer,
    private readonly scorer: CustomScorer,
    private readonly config: AppConfig,
    private readonly leaderboards: LeaderboardNotifier,
    private readonly live: LivePublisher,
  ) {}

  /** Tells the team's open streams (SSE) where its submission is. */
  private async announce(submission: SubmissionEntity, status: SubmissionStatus, publicScore: number | null, failureReason: string | null): Promise<void> {
    await this.live
      .publish(submission.eventId, { kind: 'submission', payload: { id: submission.id, teamId: submission.teamId, taskId: submission.taskId, status, publicScore, failureReason } })
      .catch((error: Error) => this.logger.warn(`submission ${submission.id}: status not pushed (${error.message})`));
  }

  async check(submissionId: string): Promise<void> {
    const started = Date.now();
    const submission = await this.submissions.claim(submissionId);
    if (!submission) return; // Scored or failed already: a second run of the job changes nothing.
    await this.announce(submission, SubmissionStatus.Running, null, null);
    const task = await this.tasks.findById(submission.taskId);
    if (!task) return this.finishFailed(submission, 'system-error', { messages: ['the task no longer exists'] });
    const report: SubmissionReport = { messages: [], runs: [], output: [] };
    try {
      const { scores, keys } = await this.evaluate(task, submission, report);
      const wrote = await this.submissions.finish(submission.id, {
        status: SubmissionStatus.Scored,
        publicScore: scores.public,
        privateScore: scores.private,
        scores: keys,
        failureReason: null,
        report,
      });
      if (wrote) {
        await this.leaderboards.changed(submission.eventId);
        await this.announce(submission, SubmissionStatus.Scored, scores.public, null);
      }
      this.logger.log(`submission ${submission.id} scored in ${Date.now() - started} ms`);
    } catch (error) {
      // Retrying on this worker cannot help: say where the problem is, not "the worker stopped".
      if (error instanceof SandboxError) {
        this.logger.error(`submission ${submission.id}: ${error.message}`);
        return this.finishFailed(submission, 'system-error', { ...report, messages: [...report.messages, `${SANDBOX_UNAVAILABLE} checking it: ${error.message}`] });
      }
      if (!(error instanceof StepFailure)) throw error;
      report.messages.push(error.message);
      await this.finishFailed(submission, error.reason, report);
    }
  }

  /** After the last retry (or a stalled job given up): never left `running`. */
  async giveUp(submissionId: string, cause: string): Promise<void> {
    const submission = await this.submissions.findById(submissionId);
    if (!submission) return;
    // The cause stays in the log: it can name host paths and services, and the report is the team's to read.
    this.logger.error(`submission ${submissionId} given up: ${cause}`);
    const why = cause.startsWith(SANDBOX_UNAVAILABLE)
      ? cause
      : /stalled/i.test(cause)
        ? 'the worker checking it stopped repeatedly'
        : 'an infrastructure error persisted after every retry';
    await this.finishFailed(submission, 'system-error', { messages: [`the check could not run: ${why}`] });
  }

  private async finishFailed(submission: SubmissionEntity, reason: string, report: SubmissionReport): Promise<void> {
    if (await this.submissions.finish(submission.id, { status: SubmissionStatus.Failed, failureReason: reason, report })) {
      await this.announce(submission, SubmissionStatus.Failed, null, reason);
    }
    this.logger.log(`submission ${submission.id} failed: ${reason}`);
  }

  private async evaluate(task: TaskEntity, submission: SubmissionEntity, report: SubmissionReport): Promise<{ scores: Record<Split, number>; keys: SubmissionScores | null }> {
    const predictions = task.submissionType === SubmissionType.Code ? await this.runCode(task, submission, report) : this.blobs.pathOf(submission.blobKey);
    try {
      const builtIn = task.metric === TaskMetric.Custom ? null : await this.metrics.scoreSplits(task, predictions);
      const scores = {} as Record<Split, number>;
      const keys: SubmissionScores = { public: {}, private: {} };
      for (const split of SPLITS) {
        const result = builtIn ? builtIn[split] : await this.scorer.score(task, submission, predictions, split, (run) => record(report, `scorer (${split})`, run));
        if (failed(result)) throw new StepFailure(this.teamMessage(task, result.failure, codeScoringMessage(result.reason), report), result.reason);
        scores[split] = result.score;
        keys[split] = result.scores ?? {};
      }
      return { scores, keys: builtIn ? null : keys };
    } finally {
      if (task.submissionType === SubmissionType.Code) await rm(predictions, { force: true });
    }
  }

  /**
   * A failure message as the team may read it. For code submissions every number and value in a message
   * (exit code, signal, row, byte offset, row count, quoted ids) could be chosen by a run on the hidden
   * inputs, so the team gets a fixed message per failure class and the organisers the message as written.
   */
  private teamMessage(task: TaskEntity, message: string, fixed: string, report: SubmissionReport): string {
    if (task.submissionType !== SubmissionType.Code) return message;
    report.organiserMessages = [...(report.organiserMessages ?? []), message];
    return fixed;
  }

  /**
   * The code run's failure: the limit's message (its values are the task's) or the platform's own (a system error, which
   * the program cannot cause since bubblewrap reports its setup), never the exit code or signal.
   */
  private codeFailure(task: TaskEntity, run: SandboxResult, report: SubmissionReport): StepFailure {
    const reason = run.verdict === SandboxVerdict.Ok ? 'runtime-error' : run.verdict;
    const message = `your code: ${run.message}`;
    const fixed = run.limit || run.verdict === SandboxVerdict.SystemError ? message : 'your code: the program failed';
    return new StepFailure(this.teamMessage(task, message, fixed, report), reason);
  }

  /** Runs the team's code on the hidden inputs; returns the host path of its predictions.csv. */
  private async runCode(task: TaskEntity, submission: SubmissionEntity, report: SubmissionReport): Promise<string> {
    const job = await JobFolder.create(this.config.SANDBOX_DIR, `${submission.id}-code`);
    try {
      await this.unpack(this.blobs.pathOf(submission.blobKey), job.path('code'), 'your .zip');
      await this.unpack(this.blobs.pathOf(task.testInputsBlob as string), job.path('input'), 'the hidden inputs');
      // The code runs in code/ and sees the hidden inputs at input/ and its own output/ there; whatever the
      // zip put at those two paths is replaced (a file named output would otherwise break the mounts).
      await rm(job.path('code', 'input'), { recursive: true, force: true });
      await rm(job.path('code', 'output'), { recursive: true, force: true });
      await mkdir(job.path('code', 'input'), { recursive: true });
      await mkdir(job.path('code', 'output'), { recursive: true });
      await chmod(job.path('code', 'run'), 0o755).catch(() => undefined);
      const run = await this.sandbox.run({
        command: ['/bin/sh', '-c', `exec ${submission.runCommand ?? './run'}`],
        cwd: '/job/code',
        mounts: [
          { host: job.root, target: '/job', writable: false },
          { host: job.path('input'), target: '/job/code/input', writable: false },
          { host: job.path('output'), target: '/job/code/output', writable: true },
        ],
        ...taskRunRequest(task),
      });
      record(report, 'code', run);
      if (run.verdict !== SandboxVerdict.Ok) throw this.codeFailure(task, run, report);
      const output = await openRunOutput(job.path('output', 'predictions.csv'));
      if ('problem' in output) {
        const message =
          output.problem === 'missing' ? 'your code wrote no output/predictions.csv' : "your code's output/predictions.csv is not a regular file (a link, a folder or a device)";
        throw new StepFailure(message, 'invalid-output');
      }
      const kept = join(this.config.SANDBOX_DIR, `${submission.id}-predictions.csv`);
      await pipeline(output.handle.createReadStream(), createWriteStream(kept, { mode: 0o600 }));
      return kept;
    } finally {
      await job.remove();
    }
  }

  private async unpack(zip: string, destination: string, what: string): Promise<void> {
    try {
      await extractZip(zip, destination);
    } catch (error) {
      if (error instanceof ZipArchiveError) throw new StepFailure(`${what}: ${error.message}`, 'invalid-archive');
      throw error;
    }
  }
}
