import { GroundTruthIndex, readGroundTruth, scorePredictionSplits, Split } from '@arena/scoring';
import { Injectable } from '@nestjs/common';
import { createReadStream, createWriteStream } from 'fs';
import { once } from 'events';
import { BlobStore } from '../blobs/blob-store';
import { TaskEntity } from '../tasks/entities/task.entity';
import { groundTruthOptions } from '../tasks/task-rules';
import { StepResult } from './check-outcome';

export type { Split };

// Ground truths are read once per worker and kept for the next submissions (tasks never change them).
const CACHED_TASKS = 4;

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Built-in metrics over the task's hidden ground truth, and the split files custom scorers read. */
@Injectable()
export class MetricScorer {
  private readonly cache = new Map<string, Promise<GroundTruthIndex>>();

  constructor(private readonly blobs: BlobStore) {}

  /** Both splits in one streaming pass over the predictions. */
  async scoreSplits(task: TaskEntity, predictionsPath: string): Promise<Record<Split, StepResult>> {
    const outcome = await scorePredictionSplits({
      groundTruth: await this.groundTruth(task),
      predictions: createReadStream(predictionsPath),
      metric: task.metric,
      k: task.k ?? undefined,
    });
    if ('failure' in outcome) {
      const failure = { failure: outcome.failure, reason: 'invalid-file' };
      return { public: failure, private: failure };
    }
    const result = (split: Split): StepResult => {
      const score = outcome.scores[split];
      return score === null ? { failure: `the ${split} split has no rows`, reason: 'system-error' } : { score };
    };
    return { public: result('public'), private: result('private') };
  }

  /** The split's ground-truth rows as a CSV (idColumn, targetColumn) for a custom scorer's input/ref. */
  async writeSplit(task: TaskEntity, split: Split, path: string): Promise<void> {
    const index = await this.groundTruth(task);
    const out = createWriteStream(path, { mode: 0o644 });
    const write = async (line: string) => {
      if (!out.write(line)) await once(out, 'drain');
    };
    await write(`${csvCell(task.idColumn)},${csvCell(task.targetColumn)}\n`);
    for (const row of index.rows(split)) await write(`${csvCell(row.id)},${csvCell(row.target)}\n`);
    out.end();
    await once(out, 'finish');
  }

  private groundTruth(task: TaskEntity): Promise<GroundTruthIndex> {
    // Keyed by what the index is read from, not the task alone: an organiser's edit (PATCH) changes the file or columns.
    const options = groundTruthOptions(task);
    const key = JSON.stringify([task.groundTruthBlob, options]);
    let index = this.cache.get(key);
    if (!index) {
      index = readGroundTruth(this.blobs.open(task.groundTruthBlob), options);
      index.catch(() => this.cache.delete(key));
      this.cache.set(key, index);
      if (this.cache.size > CACHED_TASKS) this.cache.delete(this.cache.keys().next().value as string);
    }
    return index;
  }
}
