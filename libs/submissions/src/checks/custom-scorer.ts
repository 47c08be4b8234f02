import { AppConfig } from '@arena/config';
import { DEFAULT_LIMITS, RUNTIMES, SandboxLimits, SandboxRequest, SandboxResult, SandboxRunner, SandboxRuntime, SandboxVerdict } from '@arena/sandbox';
import { Injectable } from '@nestjs/common';
import { chmod, copyFile, mkdir } from 'fs/promises';
import { join } from 'path';
import { extractZip } from '../archives/zip-archive';
import { ZipArchiveError } from '../archives/zip-reader';
import { BlobStore } from '../blobs/blob-store';
import { SubmissionEntity } from '../submissions/entities/submission.entity';
import { TaskEntity } from '../tasks/entities/task.entity';
import { ScorerLayout } from '../tasks/task.enums';
import { StepResult } from './check-outcome';
import { CODALAB_FOLDERS, codalabMounts, looksLikeZip, programRoot, readProgramCommand, safeFileName, substituteCommand } from './codalab-layout';
import { JobFolder, openRunOutput } from './job-folder';
import { MetricScorer, Split } from './metric-scorer';
import { rankingScore, readScoresJson, readScoresTxt, ScoresRead } from './scores-file';

// Read of a scorer's scores file; a longer one is cut (and then is not valid).
const MAX_SCORES_BYTES = 1024 * 1024;

class Unusable extends Error {}

/** The sandbox request of a task's runs: its limits and its runtime's view of the system. */
export function taskRunRequest(task: TaskEntity): Pick<SandboxRequest, 'limits' | 'hiddenPaths'> {
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, ...(task.limits ?? {}) };
  const runtime = RUNTIMES[task.runtime as SandboxRuntime] ?? RUNTIMES[SandboxRuntime.PythonScientific];
  return { limits, hiddenPaths: runtime.hiddenPaths };
}

/**
 * Runs an organiser's scorer on one split, in the task's layout (see ScorerLayout), and reads every score it
 * wrote. `record` receives the run for the report.
 */
@Injectable()
export class CustomScorer {
  constructor(
    private readonly sandbox: SandboxRunner,
    private readonly blobs: BlobStore,
    private readonly metrics: MetricScorer,
    private readonly config: AppConfig,
  ) {}

  async score(task: TaskEntity, submission: SubmissionEntity, predictions: string, split: Split, record: (run: SandboxResult) => void): Promise<StepResult> {
    const job = await JobFolder.create(this.config.SANDBOX_DIR, `${submission.id}-score-${split}`);
    try {
      const request = task.scorerLayout === ScorerLayout.Codalab ? await this.codalab(job, task, submission, predictions, split) : await this.arena(job, task, predictions, split);
      const run = await this.sandbox.run({ ...request, ...taskRunRequest(task), env: { SPLIT: split } });
      record(run);
      if (run.verdict !== SandboxVerdict.Ok) return { failure: `the scorer (${split}): ${run.message}`, reason: run.verdict };
      const read = await this.readScores(job, task.scorerLayout === ScorerLayout.Codalab);
      if ('failure' in read) return { failure: read.failure, reason: 'invalid-output' };
      const ranked = rankingScore(read.scores, task.scoreKey as string, read.file);
      return 'failure' in ranked ? { failure: ranked.failure, reason: 'invalid-output' } : { score: ranked.score, scores: read.scores };
    } catch (error) {
      if (error instanceof Unusable) return { failure: error.message, reason: 'invalid-archive' };
      throw error;
    } finally {
      await job.remove();
    }
  }

  /** Arena's first layout, kept for the tasks made with it: /job, input/ref/truth.csv, input/res/predictions.csv. */
  private async arena(job: JobFolder, task: TaskEntity, predictions: string, split: Split): Promise<Omit<SandboxRequest, 'limits'>> {
    await mkdir(job.path('input', 'ref'), { recursive: true });
    await mkdir(job.path('input', 'res'), { recursive: true });
    await this.metrics.writeSplit(task, split, job.path('input', 'ref', 'truth.csv'));
    await copyFile(predictions, job.path('input', 'res', 'predictions.csv'));
    await chmod(job.path('input', 'res', 'predictions.csv'), 0o644);
    const scorer = this.blobs.pathOf(task.scorerBlob as string);
    if ((task.scorerFilename ?? '').toLowerCase().endsWith('.zip')) await this.unpack(scorer, job.root, "the organiser's scorer");
    else await copyFile(scorer, job.path(task.scorerFilename ?? 'score.py')).then(() => chmod(job.path(task.scorerFilename ?? 'score.py'), 0o755));
    return { command: ['/bin/sh', '-c', task.scorerCommand as string], cwd: '/job', mounts: job.mounts() };
  }

  /** CodaLab's layout: the program, the organiser's reference files and the submission as uploaded, at Codabench's /app paths. */
  private async codalab(job: JobFolder, task: TaskEntity, submission: SubmissionEntity, predictions: string, split: Split): Promise<Omit<SandboxRequest, 'limits'>> {
    for (const folder of CODALAB_FOLDERS) await mkdir(job.path(folder), { recursive: true, mode: folder === 'output' ? 0o777 : 0o755 });
    await chmod(job.path('output'), 0o777);
    await mkdir(job.path('input', 'ref'), { recursive: true });
    await mkdir(job.path('input', 'res'), { recursive: true });
    const reference =
      split === 'private' && task.privateReferenceBlob
        ? { blob: task.privateReferenceBlob, name: task.privateReferenceFilename }
        : { blob: task.referenceBlob, name: task.referenceFilename };
    if (reference.blob) await this.place(this.blobs.pathOf(reference.blob), reference.name, job.path('input', 'ref'), "the organiser's reference data");
    else await this.metrics.writeSplit(task, split, job.path('input', 'ref', 'truth.csv'));
    // The upload as the team sent it (code tasks: what their run wrote).
    const uploaded = predictions === this.blobs.pathOf(submission.blobKey) ? submission.filename : 'predictions.csv';
    await this.place(predictions, uploaded, job.path('input', 'res'), 'your submission');
    const scorer = this.blobs.pathOf(task.scorerBlob as string);
    await this.place(scorer, task.scorerFilename, job.path('program'), "the organiser's scorer");
    // The zip's own wrapping folder is the program (metadata and all); CodaLab reads it from the program's root.
    const root = await programRoot(job.path('program'));
    const fromMetadata = await readProgramCommand(root);
    const command = task.scorerCommand ?? (fromMetadata && 'command' in fromMetadata ? fromMetadata.command : null);
    if (!command) throw new Unusable("the organiser's scorer has no metadata command");
    const mounts = codalabMounts(job.root).map((mount) => (mount.target === '/app/program' ? { ...mount, host: root } : mount));
    return { command: ['/bin/sh', '-c', substituteCommand(command)], cwd: '/app/program', mounts };
  }

  /** A zip unpacked into `folder`, any other file copied there under its own (safe) name. */
  private async place(path: string, filename: string | null, folder: string, what: string): Promise<void> {
    if (await looksLikeZip(path)) return this.unpack(path, folder, what);
    const target = join(folder, safeFileName(filename, 'predictions.csv'));
    await copyFile(path, target);
    await chmod(target, 0o644);
  }

  private async unpack(zip: string, destination: string, what: string): Promise<void> {
    try {
      await extractZip(zip, destination);
    } catch (error) {
      if (error instanceof ZipArchiveError) throw new Unusable(`${what}: ${error.message}`);
      throw error;
    }
  }

  /** scores.json (Codabench), or in the codalab layout scores.txt (CodaLab) when there is no scores.json. */
  private async readScores(job: JobFolder, codalab: boolean): Promise<(ScoresRead & { file: string }) | { failure: string }> {
    const files = codalab ? (['scores.json', 'scores.txt'] as const) : (['scores.json'] as const);
    for (const file of files) {
      const output = await openRunOutput(job.path('output', file));
      if ('problem' in output) {
        if (output.problem === 'missing') continue;
        return { failure: `the scorer's output/${file} is not a regular file` };
      }
      try {
        const buffer = Buffer.alloc(MAX_SCORES_BYTES);
        const { bytesRead } = await output.handle.read(buffer, 0, buffer.length, 0);
        const text = buffer.subarray(0, bytesRead).toString('utf8');
        return { ...(file === 'scores.json' ? readScoresJson(text) : readScoresTxt(text)), file: `output/${file}` };
      } finally {
        await output.handle.close();
      }
    }
    return { failure: codalab ? 'the scorer wrote neither output/scores.json nor output/scores.txt' : 'the scorer wrote no output/scores.json' };
  }
}
