import { AppConfig } from '@arena/config';
import { EventEntity } from '@arena/registration';
import { BlobStore } from '@arena/submissions';
import { createHash, randomUUID } from 'crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { DataSource } from 'typeorm';
import { buildZip } from '../../../../test/fixtures/ctf/zip-writer';
import { ChallengesRepository } from '../challenges/challenges.repository';
import { ChallengesService } from '../challenges/challenges.service';
import { ChallengeEntity } from '../challenges/entities/challenge.entity';
import { CtfAccessService } from '../ctf-access.service';
import { ChallengeImportService, orderByRequirements } from './challenge-import.service';

const doc = (name: string, extra = '') => `name: ${name}\ncategory: misc\nvalue: 100\nflags:\n  - ACS{${name}}\n${extra}`;

/** Blobs as files in a temp folder, so the zip reader can open the upload by path. */
class FolderBlobs extends BlobStore {
  constructor(readonly root: string) {
    super();
  }
  readonly removed: string[] = [];
  async put(source: Readable): Promise<{ key: string; size: number; sha256: string }> {
    const chunks: Buffer[] = [];
    for await (const chunk of source) chunks.push(chunk as Buffer);
    const data = Buffer.concat(chunks);
    const key = randomUUID();
    writeFileSync(join(this.root, key), data);
    return { key, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  }
  open(key: string): Readable {
    return Readable.from(readFileSync(this.pathOf(key)));
  }
  pathOf(key: string): string {
    return join(this.root, key);
  }
  async remove(key: string): Promise<void> {
    this.removed.push(key);
  }
}

function zipRequest(zip: Buffer) {
  return {
    isMultipart: () => true,
    headers: {},
    async *parts() {
      yield { type: 'file', fieldname: 'file', filename: 'challenges.zip', mimetype: 'application/zip', file: Readable.from(zip) };
    },
  };
}

describe('ChallengeImportService', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ctf-import-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('should delete what it created, restore what it updated and drop the staged files when a later write fails', async () => {
    const event = { id: 'event-1', slug: 'ev' } as EventEntity;
    const before = Object.assign(new ChallengeEntity(), {
      id: 'b-id',
      name: 'B',
      value: 7,
      flags: [{ kind: 'static', content: 'old', caseInsensitive: false }],
      hints: [{ content: 'old hint', cost: 3, position: 0 }],
      files: [{ id: 'f-old', name: 'old.txt', blobKey: 'old-key' }],
    });
    const repository = {
      findByName: jest.fn(async (_eventId: string, name: string) => (name === 'B' ? before : null)),
      findByNames: jest.fn(async () => []),
      addFile: jest.fn(async () => ({ file: {}, replaced: null })),
      remove: jest.fn(async () => undefined),
      save: jest.fn(async (challenge: ChallengeEntity) => challenge),
    };
    const upsertByName = jest.fn(async (_event: EventEntity, dto: { name: string }) => {
      if (dto.name === 'C') throw new Error('database went away');
      return { id: `${dto.name.toLowerCase()}-id`, name: dto.name, created: dto.name !== 'B' };
    });
    const manager = { delete: jest.fn(async () => undefined), insert: jest.fn(async () => undefined) };
    const files = { findBy: jest.fn(async () => []), delete: jest.fn(async () => undefined) };
    const done = () => jest.fn(async () => undefined);
    const runner = { connect: done(), startTransaction: done(), query: done(), commitTransaction: done(), rollbackTransaction: done(), release: done() };
    const dataSource = {
      createQueryRunner: () => runner,
      getRepository: () => files,
      transaction: async (work: (m: typeof manager) => Promise<void>) => work(manager),
    };
    const blobs = new FolderBlobs(folder);
    const service = new ChallengeImportService(
      { organiserView: async () => event } as unknown as CtfAccessService,
      { upsertByName } as unknown as ChallengesService,
      repository as unknown as ChallengesRepository,
      blobs,
      Object.assign(new AppConfig(), { MAX_IMPORT_BYTES: 1_000_000, MAX_ATTACHMENT_BYTES: 1_000_000, BODY_LIMIT_BYTES: 1_000_000 }),
      dataSource as unknown as DataSource,
    );
    const zip = buildZip([
      { name: 'a/challenge.yml', data: doc('A', 'files: [a.txt]\n') },
      { name: 'a/a.txt', data: 'attachment of A' },
      { name: 'b/challenge.yml', data: doc('B') },
      { name: 'c/challenge.yml', data: doc('C', 'requirements: [A, B]\n') },
    ]);

    await expect(service.import({ userId: 'u', role: 'organizer' } as never, 'ev', zipRequest(zip) as never)).rejects.toThrow('database went away');

    expect(upsertByName.mock.calls.map(([, dto]) => dto.name)).toEqual(['A', 'B', 'C']);
    expect(repository.remove).toHaveBeenCalledWith('event-1', 'a-id');
    expect(repository.remove).toHaveBeenCalledTimes(1);
    expect(repository.save).toHaveBeenCalledWith(expect.objectContaining({ id: 'b-id', name: 'B', value: 7 }), {
      flags: [{ kind: 'static', content: 'old', caseInsensitive: false }],
      hints: [{ content: 'old hint', cost: 3, position: 0 }],
    });
    expect(manager.delete).toHaveBeenCalledWith(expect.anything(), { challengeId: 'b-id' });
    expect(manager.insert).toHaveBeenCalledWith(expect.anything(), [{ id: 'f-old', name: 'old.txt', blobKey: 'old-key' }]);
    const staged = repository.addFile.mock.calls.map((call: unknown[]) => (call[0] as { blobKey: string }).blobKey);
    expect(staged).toHaveLength(1);
    expect(blobs.removed).toEqual(expect.arrayContaining(staged));
    expect(blobs.removed).not.toContain('old-key');
    expect(runner.query).toHaveBeenCalledWith(expect.stringContaining('pg_advisory_xact_lock'), ['event-1']);
    expect(runner.commitTransaction).toHaveBeenCalled();
    expect(runner.release).toHaveBeenCalled();
  });
});

describe('orderByRequirements', () => {
  const item = (name: string, requirements: string[] = []) => ({ source: `${name}/challenge.yml`, dto: { name, requirements } });

  it('should put every prerequisite before the challenges that need it', () => {
    const ordered = orderByRequirements([item('D', ['C', 'Outside']), item('C', ['A']), item('B'), item('A', ['B'])]);
    expect(ordered.map((entry) => entry.dto.name)).toEqual(['B', 'A', 'C', 'D']);
  });

  it('should name the cycle when requirements loop', () => {
    expect(() => orderByRequirements([item('A', ['B']), item('B', ['C']), item('C', ['B'])])).toThrow('requirements form a cycle: B → C → B');
  });
});
