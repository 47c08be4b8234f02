import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { UidPool } from './uid-pool';

describe('UidPool', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'arena-uids-')), 'locks');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('should never hand one uid to two pools when they claim concurrently', async () => {
    // Two workers on one host: two pools over the same folder, each with its own memory.
    const first = new UidPool(dir, 70000, 64);
    const second = new UidPool(dir, 70000, 64);
    const claims = await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 ? first : second).acquire()));
    expect(new Set(claims).size).toBe(20);
    expect(readdirSync(dir)).toHaveLength(20);
  });

  it('should free the uid for the other pool when released', async () => {
    const first = new UidPool(dir, 70000, 1);
    const second = new UidPool(dir, 70000, 1);
    const uid = await first.acquire();
    await expect(second.acquire()).rejects.toMatchObject({ code: 'sandbox-unavailable' });
    await first.release(uid);
    await expect(second.acquire()).resolves.toBe(uid);
  });

  it('should reclaim a uid whose lock holder died', async () => {
    // The pid of a process that has ended.
    const dead = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '70000.lock'), dead);
    await expect(new UidPool(dir, 70000, 2).acquire()).resolves.toBe(70000);
    expect(readdirSync(dir)).toEqual(['70000.lock']);
  });

  it('should skip a uid whose lock holder is alive', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '70000.lock'), String(process.pid));
    await expect(new UidPool(dir, 70000, 2).acquire()).resolves.toBe(70001);
  });
});
