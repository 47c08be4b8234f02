import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pidSpace } from './run-owner';
import { parseLockOwner, UidPool } from './uid-pool';

// No run in these tests is old enough to be stale unless its lock is aged on purpose.
const STALE_MS = 60 * 60 * 1000;
// The pid of a process that has ended.
const deadPid = () => spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim();

describe('UidPool', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'arena-uids-')), 'locks');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('should never hand one uid to two pools when they claim concurrently', async () => {
    // Two workers on one host: two pools over the same folder, each with its own memory.
    const first = new UidPool(dir, 70000, STALE_MS, 64);
    const second = new UidPool(dir, 70000, STALE_MS, 64);
    const claims = await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 ? first : second).acquire()));
    expect(new Set(claims).size).toBe(20);
    expect(readdirSync(dir)).toHaveLength(20);
  });

  it('should free the uid for the other pool when released', async () => {
    const first = new UidPool(dir, 70000, STALE_MS, 1);
    const second = new UidPool(dir, 70000, STALE_MS, 1);
    const uid = await first.acquire();
    await expect(second.acquire()).rejects.toMatchObject({ code: 'sandbox-unavailable' });
    await first.release(uid);
    await expect(second.acquire()).resolves.toBe(uid);
  });

  const lock = (text: string, ageMs = 0) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '70000.lock'), text);
    const when = (Date.now() - ageMs) / 1000;
    utimesSync(join(dir, '70000.lock'), when, when);
  };

  it('should write its host (with its pid namespace) and pid into the lock when it claims a uid', async () => {
    await new UidPool(dir, 70000, STALE_MS, 1).acquire();
    expect(readFileSync(join(dir, '70000.lock'), 'utf8')).toBe(`${pidSpace()} ${process.pid}`);
  });

  it("should reclaim a uid when its lock is this host's and its holder died", async () => {
    lock(`${pidSpace()} ${deadPid()}`);
    await expect(new UidPool(dir, 70000, STALE_MS, 2).acquire()).resolves.toBe(70000);
    expect(readdirSync(dir)).toEqual(['70000.lock']);
  });

  it("should not reclaim by pid a lock of another pid namespace under this host's name (a container with the host's network)", async () => {
    lock(`${pidSpace()}0 ${deadPid()}`);
    await expect(new UidPool(dir, 70000, STALE_MS, 2).acquire()).resolves.toBe(70001);
  });

  it('should reclaim a uid when its lock has the old pid-only format and its holder died', async () => {
    lock(deadPid());
    await expect(new UidPool(dir, 70000, STALE_MS, 2).acquire()).resolves.toBe(70000);
    expect(readdirSync(dir)).toEqual(['70000.lock']);
  });

  it('should skip a uid when its holder is alive, in the new or the old format', async () => {
    lock(`${pidSpace()} ${process.pid}`);
    await expect(new UidPool(dir, 70000, STALE_MS, 2).acquire()).resolves.toBe(70001);
    lock(String(process.pid));
    await expect(new UidPool(dir, 70000, STALE_MS, 3).acquire()).resolves.toBe(70002);
  });

  it('should never reclaim a fresh lock of another host when its pid is dead here', async () => {
    // Another container's worker: its pid lives in another pid namespace, so it says nothing here.
    lock(`another-container ${deadPid()}`, STALE_MS / 2);
    await expect(new UidPool(dir, 70000, STALE_MS, 2).acquire()).resolves.toBe(70001);
    expect(readFileSync(join(dir, '70000.lock'), 'utf8')).toMatch(/^another-container /);
  });

  it('should reclaim a lock of another host when it is older than any live run', async () => {
    lock(`another-container ${process.pid}`, STALE_MS + 60_000);
    await expect(new UidPool(dir, 70000, STALE_MS, 2).acquire()).resolves.toBe(70000);
    expect(readFileSync(join(dir, '70000.lock'), 'utf8')).toBe(`${pidSpace()} ${process.pid}`);
  });

  it('should leave a fresh lock being written alone, and reclaim it when it is older than any live run', async () => {
    lock('');
    await expect(new UidPool(dir, 70000, STALE_MS, 2).acquire()).resolves.toBe(70001);
    lock('', STALE_MS + 60_000);
    await expect(new UidPool(dir, 70000, STALE_MS, 2).acquire()).resolves.toBe(70000);
  });

  it('should read a lock owner when it is in the new or the old format, and nothing else', () => {
    expect(parseLockOwner('3f2a9c1d 42')).toEqual({ host: '3f2a9c1d', pid: 42 });
    expect(parseLockOwner('42')).toEqual({ host: null, pid: 42 });
    expect(parseLockOwner('')).toBeNull();
    expect(parseLockOwner('host 0')).toBeNull();
    expect(parseLockOwner('host')).toBeNull();
  });
});
