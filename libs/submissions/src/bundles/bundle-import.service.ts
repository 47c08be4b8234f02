import { AuthContext, MAX_RUN_WALL_SECONDS, withProblems } from '@arena/common';
import { AppConfig } from '@arena/config';
import { EventEntity, EventKind, EventsService } from '@arena/registration';
import { DEFAULT_RUNTIME, SandboxRuntime } from '@arena/sandbox';
import { Injectable, Logger } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { posix } from 'path';
import { Readable } from 'stream';
import { assertExtractable } from '../archives/zip-archive';
import { ZipArchive, ZipArchiveError } from '../archives/zip-reader';
import { storedZip } from '../archives/zip-writer';
import { BlobStore, StoredBlob } from '../blobs/blob-store';
import { readMultipart } from '../blobs/multipart';
import { metadataCommand } from '../checks/codalab-layout';
import { SubmissionsError, SubmissionsErrorCode } from '../submissions.errors';
import { zippedProgramCommand, metadataFolder } from '../tasks/scoring-program';
import { ScorerLayout, SubmissionType, TaskMetric } from '../tasks/task.enums';
import { TasksService } from '../tasks/tasks.service';
import { BundlePlan, BundleRef, parseCompetitionYaml } from './competition-bundle';
import { planCompetition } from './competition-plan';
import { BundleImportResultDto } from './dto/bundle-import.dto';

const invalid = (message: string) => new SubmissionsError(SubmissionsErrorCode.InvalidTask, message);
const COMPETITION_FILES = ['competition.yaml', 'competition.yml'];
const MAX_YAML_BYTES = 1024 * 1024;

interface Stored extends StoredBlob {
  filename: string;
}

/** The folder of the bundle holding competition.yaml: '' (the root) or the one folder everything was zipped in. */
function bundleBase(paths: string[]): string | null {
  if (paths.some((path) => COMPETITION_FILES.includes(path))) return '';
  const tops = new Set(paths.filter((path) => !path.startsWith('__MACOSX/')).map((path) => path.split('/')[0]));
  const [top] = tops;
  return tops.size === 1 && paths.some((path) => COMPETITION_FILES.includes(path.slice(top.length + 1))) ? `${top}/` : null;
}

/**
 * `POST /events/:slug/tasks/import`: a CodaLab (competition.yaml v1) or Codabench (v2) bundle becomes one AI task
 * in the codalab scorer layout: the first phase on the public board, the last on the private one, the primary
 * leaderboard column as scoreKey. Everything is checked before anything is written; one 400 lists every problem.
 */
@Injectable()
export class BundleImportService {
  private readonly logger = new Logger(BundleImportService.name);

  constructor(
    private readonly tasks: TasksService,
    private readonly events: EventsService,
    private readonly blobs: BlobStore,
    private readonly config: AppConfig,
  ) {}

  async import(auth: AuthContext, slug: string, request: FastifyRequest): Promise<BundleImportResultDto> {
    const event = await this.events.getForOrganiser(auth, slug);
    if (event.kind !== EventKind.Ai) throw new SubmissionsError(SubmissionsErrorCode.WrongEventKind, `event ${slug} is not an AI competition`);
    const body = await readMultipart(request, this.blobs, { fileFields: ['file'], maxFileBytes: this.config.MAX_IMPORT_BYTES });
    const staged: Stored[] = [];
    try {
      const unknown = Object.keys(body.fields).filter((field) => !['name', 'runtime'].includes(field));
      if (unknown.length) throw invalid(`unknown field(s) ${unknown.join(', ')} (allowed: name, runtime)`);
      if (body.files.length !== 1) throw invalid(`file: send exactly one bundle .zip (got ${body.files.length} files)`);
      const runtime = (body.fields.runtime ?? DEFAULT_RUNTIME) as SandboxRuntime;
      if (!Object.values(SandboxRuntime).includes(runtime)) throw invalid(`runtime must be one of ${Object.values(SandboxRuntime).join(', ')}`);
      const archive = await ZipArchive.open(this.blobs.pathOf(body.files[0].key)).catch((error: Error) => {
        throw error instanceof ZipArchiveError ? invalid(`file: ${error.message}`) : error;
      });
      let plan: BundlePlan;
      let byPath: Map<string, Stored>;
      try {
        plan = await this.plan(archive);
        byPath = await this.stage(archive, plan, staged);
      } finally {
        archive.close();
      }
      return await this.create(event, plan, byPath, body.fields.name, runtime);
    } catch (error) {
      await Promise.all(staged.map((blob) => this.blobs.remove(blob.key)));
      throw error;
    } finally {
      await Promise.all(body.files.map((file) => this.blobs.remove(file.key)));
    }
  }

  /** Reads competition.yaml and the scoring programs' metadata; throws one 400 listing every problem. */
  private async plan(archive: ZipArchive): Promise<BundlePlan> {
    const paths = archive.files.map((file) => file.path);
    const base = bundleBase(paths);
    if (base === null) throw invalid('file: no competition.yaml at the root of the bundle (is it a CodaLab or Codabench competition bundle?)');
    const name = COMPETITION_FILES.map((file) => `${base}${file}`).find((path) => archive.has(path)) as string;
    const parsed = parseCompetitionYaml((await archive.read(name, MAX_YAML_BYTES)).toString('utf8'));
    if ('problem' in parsed) throw withProblems(invalid(parsed.problem), [parsed.problem]);
    const plan = planCompetition(parsed.doc, new Set(paths), base);
    const programs = [plan.public.scoringProgram, plan.private.scoringProgram].filter((ref): ref is BundleRef => ref !== null);
    for (const ref of new Map(programs.map((program) => [program.path, program])).values()) {
      const problem = await this.programProblem(archive, ref);
      if (problem) plan.problems.push(problem);
    }
    if (plan.problems.length) throw withProblems(invalid(plan.problems[0]), plan.problems);
    return plan;
  }

  /** Why a scoring program cannot run as CodaLab would run it (no metadata command), or null. */
  private async programProblem(archive: ZipArchive, ref: BundleRef): Promise<string | null> {
    const shown = `${ref.key} (${ref.path})`;
    try {
      let found: { command: string } | { problem: string } | null;
      if (ref.kind === 'zip') {
        const inner = await ZipArchive.open(await archive.read(ref.path, this.config.MAX_IMPORT_BYTES));
        try {
          found = await zippedProgramCommand(inner);
        } finally {
          inner.close();
        }
      } else if (ref.kind === 'folder') {
        const files = archive.files
          .map((file) => file.path)
          .filter((path) => path.startsWith(`${ref.path}/`))
          .map((path) => path.slice(ref.path.length + 1));
        const folder = metadataFolder(files);
        const file = folder === null ? undefined : ['metadata', 'metadata.yaml', 'metadata.yml'].map((name) => `${folder}${name}`).find((path) => files.includes(path));
        found = file ? metadataCommand((await archive.read(`${ref.path}/${file}`, 64 * 1024)).toString('utf8'), posix.basename(file)) : null;
      } else {
        return `${shown}: a scoring program must be a .zip or a folder with its metadata`;
      }
      if (found === null) return `${shown}: no metadata file with a command (CodaLab: metadata; Codabench: metadata.yaml)`;
      return 'problem' in found ? `${shown}: ${found.problem}` : null;
    } catch (error) {
      if (error instanceof ZipArchiveError) return `${shown}: ${error.message}`;
      throw error;
    }
  }

  /** Copies each program and reference data out of the bundle into the blob store (folders repacked as zips). */
  private async stage(archive: ZipArchive, plan: BundlePlan, staged: Stored[]): Promise<Map<string, Stored>> {
    const problems: string[] = [];
    const byPath = new Map<string, Stored>();
    const refs = [plan.public.scoringProgram, plan.private.scoringProgram, plan.public.referenceData, plan.private.referenceData] as BundleRef[];
    for (const ref of refs) {
      if (byPath.has(ref.path)) continue;
      const stored = await this.stageOne(archive, ref);
      staged.push(stored);
      byPath.set(ref.path, stored);
      if (stored.filename.toLowerCase().endsWith('.zip')) {
        await assertExtractable(this.blobs.pathOf(stored.key)).catch((error: Error) => {
          if (!(error instanceof ZipArchiveError)) throw error;
          problems.push(`${ref.key} (${ref.path}): ${error.message} (the worker's extraction limits)`);
        });
      }
    }
    const program = (ref: BundleRef | null) => byPath.get((ref as BundleRef).path) as Stored;
    if (program(plan.public.scoringProgram).sha256 !== program(plan.private.scoringProgram).sha256) {
      problems.push(
        `${plan.public.name} and ${plan.private.name} use different scoring programs: Arena runs one per task (make them the same, or import each phase as its own bundle)`,
      );
    }
    if (problems.length) throw withProblems(invalid(problems[0]), problems);
    return byPath;
  }

  private async stageOne(archive: ZipArchive, ref: BundleRef): Promise<Stored> {
    const filename = posix.basename(ref.path) + (ref.kind === 'folder' ? '.zip' : '');
    if (ref.kind !== 'folder') return { ...(await this.blobs.put(await archive.stream(ref.path), this.config.MAX_TASK_FILE_BYTES)), filename };
    const files = [];
    for (const file of archive.files.filter((entry) => entry.path.startsWith(`${ref.path}/`))) {
      files.push({ name: file.path.slice(ref.path.length + 1), data: await archive.read(file.path, this.config.MAX_TASK_FILE_BYTES) });
    }
    return { ...(await this.blobs.put(Readable.from([storedZip(files)]), this.config.MAX_TASK_FILE_BYTES)), filename };
  }

  private async create(event: EventEntity, plan: BundlePlan, byPath: Map<string, Stored>, name: string | undefined, runtime: SandboxRuntime): Promise<BundleImportResultDto> {
    const find = (ref: BundleRef | null) => byPath.get((ref as BundleRef).path) as Stored;
    const scorer = find(plan.public.scoringProgram);
    const reference = find(plan.public.referenceData);
    const privateReference = find(plan.private.referenceData);
    const warnings = [...plan.warnings];
    const window = this.window(event, plan, warnings);
    const wallSeconds = plan.wallSeconds === null ? null : Math.min(plan.wallSeconds, MAX_RUN_WALL_SECONDS);
    if (plan.wallSeconds !== null && plan.wallSeconds > MAX_RUN_WALL_SECONDS)
      warnings.push(`execution_time_limit ${plan.wallSeconds} s is above Arena's ${MAX_RUN_WALL_SECONDS} s: capped`);
    if (plan.startingKit) warnings.push(`starting_kit (${plan.startingKit.path}) is not imported: share it with participants (a link in the task's description)`);
    const task = await this.tasks.insertImported(event, {
      name: (name?.trim() || plan.title).slice(0, 128),
      description: plan.description.slice(0, 20_000),
      metric: TaskMetric.Custom,
      idColumn: '',
      targetColumn: '',
      splitColumn: null,
      publicFraction: null,
      maxDailySubmissions: plan.maxDailySubmissions,
      maxSubmissions: plan.maxSubmissions,
      submissionType: SubmissionType.Predictions,
      groundTruthBlob: reference.key,
      groundTruthRows: 0,
      scorerBlob: scorer.key,
      scorerFilename: scorer.filename,
      scorerCommand: null,
      scoreKey: plan.scoreKey,
      higherIsBetter: plan.higherIsBetter,
      testInputsBlob: null,
      limits: wallSeconds === null ? null : { wallSeconds, cpuSeconds: Math.min(wallSeconds, 3600) },
      runtime,
      scorerLayout: ScorerLayout.Codalab,
      referenceBlob: reference.key,
      referenceFilename: reference.filename,
      privateReferenceBlob: privateReference.key === reference.key ? null : privateReference.key,
      privateReferenceFilename: privateReference.key === reference.key ? null : privateReference.filename,
      ...window,
    });
    this.logger.log(`bundle (${plan.version === 2 ? 'Codabench' : 'CodaLab'}) imported as task ${task.id} in event ${event.id}, ${warnings.length} warning(s)`);
    return {
      format: plan.version === 2 ? 'codabench' : 'codalab',
      tasks: [task],
      phases: { public: plan.public.name, private: plan.private.name },
      columns: plan.columns,
      warnings,
    };
  }

  /** The phases' dates where they fit the event: a bundle from years ago must not close its task before it opens. */
  private window(event: EventEntity, plan: BundlePlan, warnings: string[]): { opensAt: Date | null; closesAt: Date | null } {
    let opensAt = plan.public.startsAt;
    if (opensAt && (opensAt <= event.startsAt || opensAt >= event.endsAt)) {
      warnings.push(`${plan.public.name} starts ${opensAt.toISOString()}, outside the event: the task opens with the event`);
      opensAt = null;
    }
    let closesAt = plan.private.endsAt;
    if (closesAt && (closesAt <= new Date() || closesAt <= (opensAt ?? event.startsAt) || closesAt > event.endsAt)) {
      warnings.push(`${plan.private.name} ends ${closesAt.toISOString()}, past or outside the event: the task closes with the event`);
      closesAt = null;
    }
    return { opensAt, closesAt };
  }
}
