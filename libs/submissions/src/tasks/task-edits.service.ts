import { AuthContext } from '@arena/common';
import { AppConfig } from '@arena/config';
import { jobIds, JobPayloads, LeaderboardNotifier, QueueName, SubmissionChecksJob } from '@arena/jobs';
import { EventEntity, EventKind, EventsService } from '@arena/registration';
import { DEFAULT_PUBLIC_FRACTION } from '@arena/scoring';
import { SandboxRuntime } from '@arena/sandbox';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { FastifyRequest } from 'fastify';
import { BlobStore } from '../blobs/blob-store';
import { validateFields } from '../blobs/form-fields';
import { readMultipart, UploadedFile } from '../blobs/multipart';
import { SubmissionsError, SubmissionsErrorCode } from '../submissions.errors';
import { CreateTaskDto } from './dto/create-task.dto';
import { EditedTaskDto, UpdateTaskDto } from './dto/update-task.dto';
import { TaskEntity } from './entities/task.entity';
import { assertCoherent, TaskFile } from './task-coherence';
import { groundTruthOptions, higherIsBetter } from './task-rules';
import { ScorerLayout, SubmissionType, TaskMetric } from './task.enums';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

const FILES: TaskFile[] = ['groundTruth', 'scorer', 'testInputs', 'referenceData', 'privateReferenceData'];
// Sent empty in the form, these go back to "none" (unlimited, the event's window).
const CLEARABLE = ['maxDailySubmissions', 'maxSubmissions', 'opensAt', 'closesAt'] as const;
// What decides a submission's score: changing any of them after one is scored would leave boards mixing two rules.
const SCORING: Array<keyof TaskEntity> = [
  'metric',
  'k',
  'idColumn',
  'targetColumn',
  'splitColumn',
  'publicFraction',
  'submissionType',
  'groundTruthBlob',
  'scorerBlob',
  'scorerCommand',
  'scoreKey',
  'higherIsBetter',
  'testInputsBlob',
  'runtime',
  'scorerLayout',
  'referenceBlob',
  'privateReferenceBlob',
  'limits',
];
const TRUTH: Array<keyof TaskEntity> = ['groundTruthBlob', 'idColumn', 'targetColumn', 'splitColumn', 'publicFraction', 'metric', 'k'];

const differs = (before: TaskEntity, after: TaskEntity, field: keyof TaskEntity) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null);
const orUndefined = <T>(value: T | null): T | undefined => value ?? undefined;

/** The task's fields with the edit laid over them, as a create would take them; files the edit makes pointless are dropped. */
function merge(task: TaskEntity, dto: UpdateTaskDto, cleared: Set<string>): { merged: CreateTaskDto; dropped: Set<TaskFile> } {
  const metric = dto.metric ?? task.metric;
  const custom = metric === TaskMetric.Custom;
  const scorerLayout = dto.scorerLayout ?? (custom ? task.scorerLayout : ScorerLayout.Arena);
  const submissionType = dto.submissionType ?? task.submissionType;
  const dropped = new Set<TaskFile>();
  if (!custom) dropped.add('scorer');
  if (scorerLayout !== ScorerLayout.Codalab) ['referenceData', 'privateReferenceData'].forEach((file) => dropped.add(file as TaskFile));
  if (submissionType !== SubmissionType.Code) dropped.add('testInputs');
  const merged: CreateTaskDto = Object.assign(new CreateTaskDto(), {
    name: dto.name ?? task.name,
    description: dto.description ?? task.description,
    metric,
    idColumn: dto.idColumn ?? task.idColumn,
    targetColumn: dto.targetColumn ?? task.targetColumn,
    // A new split of one kind replaces the other kind.
    splitColumn: dto.splitColumn ?? (dto.publicFraction === undefined ? orUndefined(task.splitColumn) : undefined),
    publicFraction: dto.publicFraction ?? (dto.splitColumn === undefined && !task.splitColumn ? orUndefined(task.publicFraction) : undefined),
    maxDailySubmissions: cleared.has('maxDailySubmissions') ? undefined : (dto.maxDailySubmissions ?? orUndefined(task.maxDailySubmissions)),
    maxSubmissions: cleared.has('maxSubmissions') ? undefined : (dto.maxSubmissions ?? orUndefined(task.maxSubmissions)),
    k: dto.k ?? (metric === TaskMetric.MapAtK && task.metric === TaskMetric.MapAtK ? orUndefined(task.k) : undefined),
    submissionType,
    scorerCommand: dto.scorerCommand ?? (custom ? orUndefined(task.scorerCommand) : undefined),
    scoreKey: dto.scoreKey ?? (custom ? orUndefined(task.scoreKey) : undefined),
    higherIsBetter: dto.higherIsBetter ?? (custom && task.metric === TaskMetric.Custom ? task.higherIsBetter : undefined),
    opensAt: cleared.has('opensAt') ? undefined : (dto.opensAt ?? orUndefined(task.opensAt)),
    closesAt: cleared.has('closesAt') ? undefined : (dto.closesAt ?? orUndefined(task.closesAt)),
    runtime: dto.runtime ?? (task.runtime as SandboxRuntime),
    scorerLayout,
    limits: dto.limits ?? orUndefined(task.limits),
  });
  return { merged, dropped };
}

/** An organiser edits a task: free fields any time; how it scores only before a submission is scored, or with a rescore of all. */
@Injectable()
export class TaskEditsService {
  private readonly logger = new Logger(TaskEditsService.name);

  constructor(
    private readonly tasks: TasksService,
    private readonly repository: TasksRepository,
    private readonly events: EventsService,
    private readonly blobs: BlobStore,
    private readonly config: AppConfig,
    private readonly leaderboards: LeaderboardNotifier,
    @InjectQueue(QueueName.SubmissionChecks) private readonly checks: Queue<JobPayloads[QueueName.SubmissionChecks][SubmissionChecksJob]>,
  ) {}

  async edit(auth: AuthContext, slug: string, id: string, request: FastifyRequest): Promise<EditedTaskDto> {
    const event = await this.events.getForOrganiser(auth, slug);
    if (event.kind !== EventKind.Ai) throw new SubmissionsError(SubmissionsErrorCode.WrongEventKind, `event ${slug} is not an AI competition`);
    const task = await this.tasks.getInEvent(event, id);
    const body = await readMultipart(request, this.blobs, { fileFields: FILES, maxFileBytes: this.config.MAX_TASK_FILE_BYTES });
    const files = new Map(body.files.map((file) => [file.field as TaskFile, file]));
    try {
      // Replaced files stay in the blob store: tasks made from one bundle may share them.
      return await this.apply(event, task, body.fields, files);
    } catch (error) {
      await Promise.all(body.files.map((file) => this.blobs.remove(file.key)));
      throw error;
    }
  }

  private async apply(event: EventEntity, task: TaskEntity, fields: Record<string, string>, files: Map<TaskFile, UploadedFile>): Promise<EditedTaskDto> {
    const cleared = new Set<string>(CLEARABLE.filter((field) => fields[field] === ''));
    const given = Object.fromEntries(Object.entries(fields).filter(([field]) => !cleared.has(field)));
    const dto = await validateFields(UpdateTaskDto, given, ['limits']);
    const { merged, dropped } = merge(task, dto, cleared);
    const present: Record<TaskFile, string | null> = {
      groundTruth: task.groundTruthBlob,
      scorer: task.scorerBlob,
      testInputs: task.testInputsBlob,
      referenceData: task.referenceBlob,
      privateReferenceData: task.privateReferenceBlob,
    };
    assertCoherent(merged, (file) => files.has(file) || (!dropped.has(file) && present[file] !== null));
    await this.assertFiles(merged, task, files);
    const next = await this.nextState(task, merged, files, dropped);
    const scoring = SCORING.some((field) => differs(task, next, field));
    if (TRUTH.some((field) => differs(task, next, field))) {
      next.groundTruthRows = await this.tasks.countGroundTruth(next.groundTruthBlob, groundTruthOptions(next));
    }
    if (next.runtime !== task.runtime) next.runtimeVersions = await this.tasks.runtimeVersions(next.runtime);
    const changed = (Object.keys(next) as Array<keyof TaskEntity>).filter((field) => field !== 'event' && differs(task, next, field));
    const changes = Object.fromEntries(changed.map((field) => [field, next[field]])) as Partial<TaskEntity>;
    const outcome = await this.repository.updateGuarded(event.id, task.id, changes, { scoring, rescoreAll: dto.rescoreAll ?? false });
    switch (outcome.kind) {
      case 'not-found':
        throw new SubmissionsError(SubmissionsErrorCode.TaskNotFound, `task ${task.id} not found`);
      case 'name-taken':
        throw new SubmissionsError(SubmissionsErrorCode.TaskNameTaken, `name: a task named ${merged.name} exists in this event`);
      case 'busy':
        throw new SubmissionsError(SubmissionsErrorCode.TaskBusy, `${outcome.running} submission(s) of this task are being checked: change how it scores once they finish`);
      case 'scored':
        throw new SubmissionsError(
          SubmissionsErrorCode.TaskScored,
          `${outcome.scored} submission(s) are scored under the current rules: send rescoreAll=true to score every submission again under the new ones`,
        );
    }
    // Committed: a job that fails to queue now is queued again by the worker's sweep of submissions left queued.
    await this.requeue(outcome.requeued).catch((error: Error) => this.logger.warn(`task ${task.id}: queueing the rescore failed (${error.message}); the sweep will`));
    // Committed: the files are the task's now, so a failed notice must not reach edit()'s clean-up of the uploads.
    if (scoring || outcome.requeued.length > 0) {
      await this.leaderboards.changed(event.id).catch((error: Error) => this.logger.warn(`task ${task.id}: the board was not told of the edit (${error.message})`));
    }
    this.logger.log(`task ${task.id} of event ${event.id} edited${scoring ? ' (scoring changed)' : ''}, ${outcome.requeued.length} submissions queued again`);
    return { ...this.tasks.toDto(outcome.task, event), requeued: outcome.requeued.length };
  }

  /** New archives must unpack, and a codalab scorer must have a command (its metadata's or scorerCommand). */
  private async assertFiles(merged: CreateTaskDto, task: TaskEntity, files: Map<TaskFile, UploadedFile>): Promise<void> {
    await this.tasks.assertUnpacks(files, 'testInputs');
    for (const field of ['scorer', 'referenceData', 'privateReferenceData'] as const) {
      if ((files.get(field)?.filename ?? '').toLowerCase().endsWith('.zip')) await this.tasks.assertUnpacks(files, field);
    }
    if (merged.scorerLayout === ScorerLayout.Codalab) {
      const scorer = files.get('scorer') ?? { key: task.scorerBlob as string, filename: task.scorerFilename ?? '' };
      await this.tasks.assertProgramCommand(merged, scorer);
    }
  }

  /** The task as it will be stored (a copy: the entity read stays the "before"). */
  private async nextState(task: TaskEntity, merged: CreateTaskDto, files: Map<TaskFile, UploadedFile>, dropped: Set<TaskFile>): Promise<TaskEntity> {
    const file = (field: TaskFile, blob: string | null, filename: string | null): [string | null, string | null] => {
      const upload = files.get(field);
      if (upload) return [upload.key, upload.filename];
      return dropped.has(field) ? [null, null] : [blob, filename];
    };
    const [scorerBlob, scorerFilename] = file('scorer', task.scorerBlob, task.scorerFilename);
    const [referenceBlob, referenceFilename] = file('referenceData', task.referenceBlob, task.referenceFilename);
    const [privateReferenceBlob, privateReferenceFilename] = file('privateReferenceData', task.privateReferenceBlob, task.privateReferenceFilename);
    return Object.assign(new TaskEntity(), {
      ...task,
      name: merged.name,
      description: merged.description ?? '',
      metric: merged.metric,
      k: merged.metric === TaskMetric.MapAtK ? (merged.k ?? 10) : null,
      idColumn: merged.idColumn,
      targetColumn: merged.targetColumn,
      splitColumn: merged.splitColumn ?? null,
      publicFraction: merged.splitColumn ? null : (merged.publicFraction ?? DEFAULT_PUBLIC_FRACTION),
      maxDailySubmissions: merged.maxDailySubmissions ?? null,
      maxSubmissions: merged.maxSubmissions ?? null,
      submissionType: merged.submissionType ?? SubmissionType.Predictions,
      groundTruthBlob: files.get('groundTruth')?.key ?? task.groundTruthBlob,
      scorerBlob,
      scorerFilename,
      scorerCommand: merged.scorerCommand ?? null,
      scoreKey: merged.scoreKey ?? null,
      higherIsBetter: higherIsBetter(merged),
      testInputsBlob: file('testInputs', task.testInputsBlob, null)[0],
      limits: merged.limits ? { ...merged.limits } : null,
      runtime: merged.runtime ?? task.runtime,
      scorerLayout: merged.scorerLayout ?? ScorerLayout.Arena,
      referenceBlob,
      referenceFilename,
      privateReferenceBlob,
      privateReferenceFilename,
      opensAt: merged.opensAt ?? null,
      closesAt: merged.closesAt ?? null,
    });
  }

  /** After the commit: each submission queued again gets a fresh check job (the finished one's id is removed first). */
  private async requeue(ids: string[]): Promise<void> {
    for (const submissionId of ids) {
      await this.checks.remove(jobIds.check(submissionId));
      await this.checks.add(SubmissionChecksJob.Check, { submissionId }, { jobId: jobIds.check(submissionId) });
    }
  }
}
