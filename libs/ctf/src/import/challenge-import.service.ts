import { ArenaError, AuthContext, ErrorKind, withProblems } from '@arena/common';
import { AppConfig } from '@arena/config';
import { EventEntity } from '@arena/registration';
import { BlobStore, DEFAULT_ZIP_LIMITS, readMultipart, StoredBlob, SubmissionsError, SubmissionsErrorCode, ZipArchive } from '@arena/submissions';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FastifyRequest } from 'fastify';
import { posix } from 'path';
import { Readable } from 'stream';
import { DataSource } from 'typeorm';
import { ChallengesRepository } from '../challenges/challenges.repository';
import { ChallengesService } from '../challenges/challenges.service';
import { ChallengeFileEntity } from '../challenges/entities/challenge-file.entity';
import { ChallengeEntity } from '../challenges/entities/challenge.entity';
import { CtfAccessService } from '../ctf-access.service';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { importError, MappedChallenge, readChallengeYaml } from './challenge-yaml.mapper';
import { ImportedChallengeDto, ImportResultDto } from './dto/import-result.dto';
import { isYamlContentType } from './yaml-body.parser';

/** A challenge file of an archive: `challenge.yml` (or `.yaml`) at any depth. */
const CHALLENGE_DOCUMENT = /(^|\/)challenge\.ya?ml$/;

interface Attachment {
  /** The name it is attached under (the basename). */
  name: string;
  /** Its path in the archive. */
  path: string;
  stored?: StoredBlob;
}

interface ImportItem extends MappedChallenge {
  /** The files to attach (replacing the challenge's set); null leaves its files as they are. */
  attachments: Attachment[] | null;
}

/** What one write changed, to undo it when a later write fails. */
interface JournalStep {
  id: string;
  created: boolean;
  before: ChallengeEntity | null;
}

// SQLSTATE lock_not_available: the advisory lock waited past lock_timeout.
const LOCK_NOT_AVAILABLE = '55P03';

const invalid = (message: string) => new CtfError(CtfErrorCode.InvalidImport, message);

/**
 * ctfcli import: one `challenge.yml`, or a `.zip` of challenge folders with their files. Everything is read and
 * validated first (documents, requirements, archive entries, attachments into the blob store); only then are the
 * challenges written, prerequisites first, each through ChallengesService.upsertByName (re-import updates by name).
 * When a write fails, the writes before it are undone (created challenges deleted, updated ones restored).
 */
@Injectable()
export class ChallengeImportService {
  private readonly logger = new Logger(ChallengeImportService.name);

  constructor(
    private readonly access: CtfAccessService,
    private readonly challenges: ChallengesService,
    private readonly repository: ChallengesRepository,
    private readonly blobs: BlobStore,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** A YAML body, or a multipart upload whose field `file` is a `.zip` (or a single `challenge.yml`). */
  async import(auth: AuthContext, slug: string, request: FastifyRequest): Promise<ImportResultDto> {
    const event = await this.access.organiserView(auth, slug);
    if (request.isMultipart()) return this.importUpload(event, request);
    if (isYamlContentType(request.headers['content-type'])) {
      const body = request.body ?? '';
      if (typeof body !== 'string') throw invalid('the body must be a challenge.yml document');
      return this.importText(event, body, 'challenge.yml');
    }
    throw invalid('send a challenge.yml (Content-Type: application/yaml) or a multipart/form-data upload with a .zip in the field file');
  }

  private async importUpload(event: EventEntity, request: FastifyRequest): Promise<ImportResultDto> {
    const { files } = await readMultipart(request, this.blobs, { fileFields: ['file'], maxFileBytes: this.config.MAX_IMPORT_BYTES });
    try {
      if (files.length !== 1) throw invalid(`file: send exactly one .zip (got ${files.length} files)`);
      const [upload] = files;
      if (/\.ya?ml$/i.test(upload.filename)) {
        if (upload.size > this.config.BODY_LIMIT_BYTES) {
          throw new SubmissionsError(SubmissionsErrorCode.TooLarge, `file: a challenge.yml is limited to ${this.config.BODY_LIMIT_BYTES} bytes`);
        }
        const text = (await readAll(this.blobs.open(upload.key))).toString('utf8');
        return await this.importText(event, text, posix.basename(upload.filename.replace(/\\/g, '/')));
      }
      return await this.importZip(event, this.blobs.pathOf(upload.key));
    } finally {
      await this.discard(files.map((file) => file.key));
    }
  }

  private async importText(event: EventEntity, text: string, source: string): Promise<ImportResultDto> {
    const item: ImportItem = { ...(await readChallengeYaml(text, source)), attachments: null };
    if (item.files.length) {
      item.warnings.push(`${source}: files not attached (${item.files.join(', ')}): import a .zip of the challenge folder to include them`);
    }
    return this.write(event, [item]);
  }

  private async importZip(event: EventEntity, path: string): Promise<ImportResultDto> {
    const archive = await ZipArchive.open(path, DEFAULT_ZIP_LIMITS);
    const staged: string[] = [];
    let items: ImportItem[];
    try {
      items = orderByRequirements(await this.readArchive(archive));
      await this.checkRequirements(event, items, true);
      for (const attachment of items.flatMap((item) => item.attachments ?? [])) {
        attachment.stored = await this.blobs.put(await archive.stream(attachment.path), this.config.MAX_ATTACHMENT_BYTES);
        staged.push(attachment.stored.key);
      }
    } catch (error) {
      await this.discard(staged);
      throw error;
    } finally {
      archive.close();
    }
    try {
      return await this.write(event, items);
    } catch (error) {
      await this.discard(staged);
      throw error;
    }
  }

  /**
   * Every challenge document of the archive, mapped, with its attachments checked against the archive. Every broken
   * document is reported: one 400 lists the problems of all of them (a 413 still stops at once).
   */
  private async readArchive(archive: ZipArchive): Promise<ImportItem[]> {
    const documents = archive.files.filter((file) => CHALLENGE_DOCUMENT.test(file.path)).sort((a, b) => a.path.localeCompare(b.path));
    if (documents.length === 0) throw invalid('the archive holds no challenge.yml');
    const folders = new Map<string, string>();
    const items: ImportItem[] = [];
    const problems: CtfError[] = [];
    for (const document of documents) {
      try {
        items.push(await this.readDocument(archive, document.path, folders));
      } catch (error) {
        if (!(error instanceof CtfError) || error.kind !== ErrorKind.Invalid) throw error;
        problems.push(error);
      }
    }
    const sources = new Map<string, string>();
    for (const item of items) {
      const other = sources.get(item.dto.name);
      if (other) problems.push(importError(item.source, `name ${item.dto.name} is also the name of ${other}`));
      sources.set(item.dto.name, item.source);
    }
    if (problems.length)
      throw withProblems(
        problems[0],
        problems.map((problem) => problem.message),
      );
    return items;
  }

  private async readDocument(archive: ZipArchive, path: string, folders: Map<string, string>): Promise<ImportItem> {
    const folder = posix.dirname(path);
    const twin = folders.get(folder);
    if (twin) throw invalid(`${path}: ${twin} is in the same folder: one challenge per folder`);
    folders.set(folder, path);
    const text = (await archive.read(path, this.config.BODY_LIMIT_BYTES)).toString('utf8');
    const mapped = await readChallengeYaml(text, path);
    const attachments = mapped.files.map((file, index): Attachment => {
      const inArchive = folder === '.' ? file : `${folder}/${file}`;
      const size = archive.sizeOf(inArchive);
      if (size === undefined) throw importError(path, `files[${index}]: ${file} is not in the archive`);
      if (size > this.config.MAX_ATTACHMENT_BYTES) {
        throw new SubmissionsError(SubmissionsErrorCode.TooLarge, `${path}: files[${index}]: ${file} is larger than ${this.config.MAX_ATTACHMENT_BYTES} bytes`);
      }
      return { name: posix.basename(file), path: inArchive };
    });
    return { ...mapped, attachments };
  }

  /** Requirements name challenges of the event or of this import. */
  private async checkRequirements(event: EventEntity, items: ImportItem[], fromArchive: boolean): Promise<void> {
    const importing = new Set(items.map((item) => item.dto.name));
    const wanted = [...new Set(items.flatMap((item) => item.dto.requirements ?? []))].filter((name) => !importing.has(name));
    const existing = new Set((await this.repository.findByNames(event.id, wanted)).map((challenge) => challenge.name));
    const problems = items.flatMap((item) => {
      const unknown = (item.dto.requirements ?? []).filter((name) => !importing.has(name) && !existing.has(name));
      return unknown.length ? [importError(item.source, `requirements: no challenge named ${unknown.join(', ')} in this event${fromArchive ? ' or the archive' : ''}`)] : [];
    });
    if (problems.length)
      throw withProblems(
        problems[0],
        problems.map((problem) => problem.message),
      );
  }

  /** Writes the items, one import per event at a time (an advisory lock), after checking their requirements again. */
  private write(event: EventEntity, items: ImportItem[]): Promise<ImportResultDto> {
    return this.serialised(event.id, async () => {
      await this.checkRequirements(
        event,
        items,
        items.some((item) => item.attachments !== null),
      );
      return this.writeAll(event, items);
    });
  }

  private async serialised<T>(eventId: string, work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      try {
        await runner.query(`SET LOCAL lock_timeout = '60s'`);
        await runner.query(`SELECT pg_advisory_xact_lock(hashtextextended('ctf-import:' || $1, 0))`, [eventId]);
      } catch (error) {
        await runner.rollbackTransaction();
        if ((error as { driverError?: { code?: string } }).driverError?.code === LOCK_NOT_AVAILABLE) {
          throw new ArenaError(ErrorKind.Conflict, 'import-in-progress', 'another import into this event is still running; try again');
        }
        throw error;
      }
      try {
        return await work();
      } finally {
        // The transaction only holds the lock: ending it must not hide the outcome of the work.
        await runner.commitTransaction().catch(() => runner.rollbackTransaction().catch(() => undefined));
      }
    } finally {
      await runner.release();
    }
  }

  private async writeAll(event: EventEntity, items: ImportItem[]): Promise<ImportResultDto> {
    const imported: ImportedChallengeDto[] = [];
    const journal: JournalStep[] = [];
    const obsolete: string[] = [];
    try {
      for (const item of items) {
        const before = await this.repository.findByName(event.id, item.dto.name);
        const result = await this.challenges.upsertByName(event, item.dto).catch((error: unknown) => {
          throw error instanceof CtfError && !error.message.startsWith(`${item.source}: `)
            ? new CtfError(error.code, `${item.source}: ${error.message}`, error.retryAfterSeconds)
            : error;
        });
        journal.push({ id: result.id, created: result.created, before });
        imported.push({ id: result.id, name: result.name, created: result.created });
        if (item.attachments) obsolete.push(...(await this.replaceFiles(result.id, item.attachments)));
      }
    } catch (error) {
      await this.rollback(event, journal);
      throw error;
    }
    await this.discard(obsolete);
    this.logger.log(`imported ${imported.length} challenge(s) into event ${event.id} (${imported.filter((item) => item.created).length} new)`);
    return { imported, warnings: items.flatMap((item) => item.warnings) };
  }

  /** Makes the challenge's files exactly `attachments`; returns the blob keys no longer referenced. */
  private async replaceFiles(challengeId: string, attachments: Attachment[]): Promise<string[]> {
    const files = this.dataSource.getRepository(ChallengeFileEntity);
    const keep = new Set(attachments.map((attachment) => attachment.name));
    const obsolete: string[] = [];
    for (const file of await files.findBy({ challengeId })) {
      if (keep.has(file.name)) continue;
      await files.delete({ id: file.id });
      obsolete.push(file.blobKey);
    }
    for (const { name, stored } of attachments) {
      if (!stored) throw new Error(`attachment ${name} was not staged`);
      const { replaced } = await this.repository.addFile({ challengeId, name, blobKey: stored.key, size: stored.size, sha256: stored.sha256 });
      if (replaced) obsolete.push(replaced);
    }
    return obsolete;
  }

  /** Undoes the journal, newest first: created challenges go, updated ones get their fields, flags, hints and files back. */
  private async rollback(event: EventEntity, journal: JournalStep[]): Promise<void> {
    for (const step of [...journal].reverse()) {
      try {
        if (step.created || !step.before) await this.repository.remove(event.id, step.id);
        else await this.restore(step.before);
      } catch (error) {
        this.logger.error({ err: error }, `import into event ${event.id}: could not undo the write of challenge ${step.id}`);
      }
    }
  }

  private async restore(before: ChallengeEntity): Promise<void> {
    const { flags = [], hints = [], files = [], ...columns } = before;
    await this.repository.save(Object.assign(new ChallengeEntity(), columns), {
      flags: flags.map((flag) => ({ kind: flag.kind, content: flag.content, caseInsensitive: flag.caseInsensitive })),
      hints: hints.map((hint) => ({ content: hint.content, cost: hint.cost, position: hint.position })),
    });
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(ChallengeFileEntity, { challengeId: before.id });
      if (files.length)
        await manager.insert(
          ChallengeFileEntity,
          files.map((file) => ({ ...file })),
        );
    });
  }

  private async discard(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.blobs.remove(key).catch((error: unknown) => this.logger.warn({ err: error }, `could not remove blob ${key}`))));
  }
}

/** The items with every challenge after the ones of this import it requires; a cycle is a 400. */
export function orderByRequirements<T extends { source: string; dto: { name: string; requirements?: string[] } }>(items: T[]): T[] {
  const byName = new Map(items.map((item) => [item.dto.name, item]));
  const state = new Map<string, 'visiting' | 'done'>();
  const ordered: T[] = [];
  const visit = (item: T, trail: string[]) => {
    const name = item.dto.name;
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      throw importError(item.source, `requirements form a cycle: ${cycle.join(' → ')}`);
    }
    state.set(name, 'visiting');
    for (const required of item.dto.requirements ?? []) {
      const dependency = byName.get(required);
      if (dependency) visit(dependency, [...trail, name]);
    }
    state.set(name, 'done');
    ordered.push(item);
  };
  for (const item of items) visit(item, []);
  return ordered;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
