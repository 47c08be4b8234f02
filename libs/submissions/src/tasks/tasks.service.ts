import { AuthContext } from '@arena/common';
import { AppConfig } from '@arena/config';
import { EventEntity, EventKind, EventsService } from '@arena/registration';
import { DEFAULT_PUBLIC_FRACTION, GroundTruthOptions, readGroundTruth, ScoringFailure } from '@arena/scoring';
import { DEFAULT_RUNTIME, SandboxStatusStore } from '@arena/sandbox';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { FastifyRequest } from 'fastify';
import { assertExtractable } from '../archives/zip-archive';
import { ZipArchive, ZipArchiveError } from '../archives/zip-reader';
import { BlobStore } from '../blobs/blob-store';
import { validateFields } from '../blobs/form-fields';
import { readMultipart, UploadedFile } from '../blobs/multipart';
import { SubmissionsError, SubmissionsErrorCode } from '../submissions.errors';
import { CreateTaskDto } from './dto/create-task.dto';
import { TaskDto } from './dto/task.dto';
import { TaskEntity } from './entities/task.entity';
import { ScorerLayout, SubmissionType, TaskMetric } from './task.enums';
import { zippedProgramCommand } from './scoring-program';
import { TasksRepository } from './tasks.repository';
import { assertCoherent } from './task-coherence';
import { groundTruthOptions, higherIsBetter } from './task-rules';

const invalid = (message: string) => new SubmissionsError(SubmissionsErrorCode.InvalidTask, message);

@Injectable()
export class TasksService {
  private readonly logger = new Logger(TasksService.name);

  constructor(
    private readonly tasks: TasksRepository,
    private readonly events: EventsService,
    private readonly blobs: BlobStore,
    private readonly config: AppConfig,
    private readonly sandboxes: SandboxStatusStore,
  ) {}

  async aiEvent(slug: string): Promise<EventEntity> {
    const event = await this.events.getBySlug(slug);
    if (event.kind !== EventKind.Ai) throw new SubmissionsError(SubmissionsErrorCode.WrongEventKind, `event ${slug} is not an AI competition`);
    return event;
  }

  async create(auth: AuthContext, slug: string, request: FastifyRequest): Promise<TaskDto> {
    const event = await this.events.getForOrganiser(auth, slug);
    if (event.kind !== EventKind.Ai) throw new SubmissionsError(SubmissionsErrorCode.WrongEventKind, `event ${slug} is not an AI competition`);
    const body = await readMultipart(request, this.blobs, {
      fileFields: ['groundTruth', 'scorer', 'testInputs', 'referenceData', 'privateReferenceData'],
      maxFileBytes: this.config.MAX_TASK_FILE_BYTES,
    });
    try {
      return await this.createFrom(event, body.fields, new Map(body.files.map((file) => [file.field, file])));
    } catch (error) {
      await Promise.all(body.files.map((file) => this.blobs.remove(file.key)));
      throw error;
    }
  }

  async list(slug: string): Promise<TaskDto[]> {
    const event = await this.aiEvent(slug);
    return (await this.tasks.findForEvent(event.id)).map((task) => this.toDto(task, event));
  }

  async get(slug: string, id: string): Promise<TaskDto> {
    const event = await this.aiEvent(slug);
    return this.toDto(await this.getInEvent(event, id), event);
  }

  toDto(task: TaskEntity, event: EventEntity): TaskDto {
    return TaskDto.from(task, { eventEndsAt: event.endsAt, maxFileBytes: this.config.MAX_SUBMISSION_BYTES });
  }

  async getInEvent(event: EventEntity, id: string): Promise<TaskEntity> {
    const task = await this.tasks.findInEvent(event.id, id);
    if (!task) throw new SubmissionsError(SubmissionsErrorCode.TaskNotFound, `task ${id} not found`);
    return task;
  }

  /** An archive the worker could not unpack would fail every submission later: refuse it now, naming the field. */
  async assertUnpacks(files: Map<string, UploadedFile>, field: 'testInputs' | 'scorer' | 'referenceData' | 'privateReferenceData'): Promise<void> {
    const file = files.get(field);
    if (!file) return;
    await assertExtractable(this.blobs.pathOf(file.key)).catch((error: Error) => {
      if (error instanceof ZipArchiveError) throw invalid(`${field}: ${error.message} (the worker's extraction limits)`);
      throw error;
    });
  }

  /** The versions a worker reports for the runtime now, recorded with the task; null when no worker has reported. */
  async runtimeVersions(runtime: string): Promise<Record<string, string> | null> {
    return this.sandboxes.runtimeVersions(runtime as typeof DEFAULT_RUNTIME).catch(() => null);
  }

  /** A codalab-layout scorer runs its metadata command unless scorerCommand replaces it: one of the two must exist. */
  async assertProgramCommand(dto: Pick<CreateTaskDto, 'scorerCommand'>, scorer: Pick<UploadedFile, 'key' | 'filename'>): Promise<void> {
    if (!scorer.filename.toLowerCase().endsWith('.zip')) {
      if (!dto.scorerCommand) throw invalid('scorerCommand is required unless the scorer is a .zip with a metadata command');
      return;
    }
    const archive = await ZipArchive.open(this.blobs.pathOf(scorer.key));
    try {
      const found = await zippedProgramCommand(archive);
      if (found && 'problem' in found) throw invalid(`scorer: ${found.problem}`);
      if (!found && !dto.scorerCommand) throw invalid('scorer: no metadata file with a command (CodaLab: metadata; Codabench: metadata.yaml), and no scorerCommand');
    } finally {
      archive.close();
    }
  }

  /** Reads a ground truth as the task will score it: its rows; a bad file or an empty split is a 400 naming the field. */
  async countGroundTruth(key: string, options: GroundTruthOptions): Promise<number> {
    const index = await readGroundTruth(this.blobs.open(key), options).catch((error: Error) => {
      if (error instanceof ScoringFailure) throw invalid(`groundTruth: ${error.message.replace(/^ground truth: /, '')}`);
      throw error;
    });
    // Every submission would fail on a split without rows: say so now, naming the field that decides the split.
    for (const split of ['public', 'private'] as const) {
      if (index.count(split) === 0) {
        const field = options.splitColumn ? 'splitColumn' : 'publicFraction';
        throw invalid(`${field}: the ${split} split would have no rows (each board needs at least one; use a split column or more rows)`);
      }
    }
    return index.size;
  }

  private async createFrom(event: EventEntity, fields: Record<string, string>, files: Map<string, UploadedFile>): Promise<TaskDto> {
    const dto = await validateFields(CreateTaskDto, fields, ['limits']);
    assertCoherent(dto, (field) => files.has(field));
    await this.assertUnpacks(files, 'testInputs');
    if ((files.get('scorer')?.filename ?? '').toLowerCase().endsWith('.zip')) await this.assertUnpacks(files, 'scorer');
    for (const field of ['referenceData', 'privateReferenceData'] as const)
      if ((files.get(field)?.filename ?? '').toLowerCase().endsWith('.zip')) await this.assertUnpacks(files, field);
    if (dto.scorerLayout === ScorerLayout.Codalab) await this.assertProgramCommand(dto, files.get('scorer') as UploadedFile);
    const groundTruth = files.get('groundTruth') as UploadedFile;
    const id = randomUUID();
    const publicFraction = dto.splitColumn ? null : (dto.publicFraction ?? DEFAULT_PUBLIC_FRACTION);
    const options = groundTruthOptions({ id, ...dto, splitColumn: dto.splitColumn ?? null, publicFraction });
    const rows = await this.countGroundTruth(groundTruth.key, options);
    const task = await this.tasks.insert({
      id,
      eventId: event.id,
      name: dto.name,
      description: dto.description ?? '',
      metric: dto.metric,
      k: dto.metric === TaskMetric.MapAtK ? (dto.k ?? 10) : null,
      idColumn: dto.idColumn,
      targetColumn: dto.targetColumn,
      splitColumn: dto.splitColumn ?? null,
      publicFraction,
      maxDailySubmissions: dto.maxDailySubmissions ?? null,
      maxSubmissions: dto.maxSubmissions ?? null,
      submissionType: dto.submissionType ?? SubmissionType.Predictions,
      groundTruthBlob: groundTruth.key,
      groundTruthRows: rows,
      scorerBlob: files.get('scorer')?.key ?? null,
      scorerFilename: files.get('scorer')?.filename ?? null,
      scorerCommand: dto.scorerCommand ?? null,
      scoreKey: dto.scoreKey ?? null,
      higherIsBetter: higherIsBetter(dto),
      testInputsBlob: files.get('testInputs')?.key ?? null,
      limits: dto.limits ? { ...dto.limits } : null,
      runtime: dto.runtime ?? DEFAULT_RUNTIME,
      runtimeVersions: await this.runtimeVersions(dto.runtime ?? DEFAULT_RUNTIME),
      scorerLayout: dto.scorerLayout ?? ScorerLayout.Arena,
      referenceBlob: files.get('referenceData')?.key ?? null,
      referenceFilename: files.get('referenceData')?.filename ?? null,
      privateReferenceBlob: files.get('privateReferenceData')?.key ?? null,
      privateReferenceFilename: files.get('privateReferenceData')?.filename ?? null,
      opensAt: dto.opensAt ?? null,
      closesAt: dto.closesAt ?? null,
    });
    if (!task) throw new SubmissionsError(SubmissionsErrorCode.TaskNameTaken, `a task named ${dto.name} exists in this event`);
    this.logger.log(`task ${task.id} (${task.metric}, ${task.groundTruthRows} rows) created in event ${event.id}`);
    return this.toDto(task, event);
  }

  /** A task made from an imported bundle (already checked whole); 409 when the event has a task of that name. */
  async insertImported(event: EventEntity, fields: Omit<Partial<TaskEntity>, 'id' | 'eventId' | 'runtimeVersions'> & { name: string; runtime: string }): Promise<TaskDto> {
    const task = await this.tasks.insert({ ...fields, eventId: event.id, runtimeVersions: await this.runtimeVersions(fields.runtime) });
    if (!task) throw new SubmissionsError(SubmissionsErrorCode.TaskNameTaken, `a task named ${fields.name} exists in this event (send another name in the field name)`);
    return this.toDto(task, event);
  }
}
