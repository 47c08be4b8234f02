import { mkdir, open, readFile, unlink } from 'fs/promises';
import { join } from 'path';
import { SandboxError, SandboxErrorCode } from './sandbox.errors';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The dedicated uids of concurrent runs, shared by every worker on the host: a uid is claimed by creating
 * `<uid>.lock` with O_EXCL in a host-wide folder (the kernel settles two claims), holding the claimer's pid.
 * A lock whose process is gone (a worker that crashed) is reclaimed under a second O_EXCL file, so two
 * reclaimers never both take it. Workers sharing the folder must share a pid namespace (the host's).
 */
export class UidPool {
  private readonly held = new Set<number>();

  constructor(
    private readonly dir: string,
    private readonly base: number,
    private readonly size = 1024,
  ) {}

  async acquire(): Promise<number> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    for (let offset = 0; offset < this.size; offset += 1) {
      const uid = this.base + offset;
      if (this.held.has(uid)) continue;
      if ((await this.claim(uid)) || ((await this.reclaimStale(uid)) && (await this.claim(uid)))) {
        this.held.add(uid);
        return uid;
      }
    }
    throw new SandboxError(SandboxErrorCode.Unavailable, `no free sandbox uid among ${this.size} from ${this.base}`);
  }

  async release(uid: number): Promise<void> {
    if (!this.held.delete(uid)) return;
    await unlink(this.lockOf(uid)).catch(() => undefined);
  }

  private lockOf(uid: number): string {
    return join(this.dir, `${uid}.lock`);
  }

  /** One atomic create: true when this process now owns the uid. */
  private async claim(uid: number, path = this.lockOf(uid)): Promise<boolean> {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid)).finally(() => handle.close());
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  /** Removes the uid's lock when its owner is dead; true when it did. */
  private async reclaimStale(uid: number): Promise<boolean> {
    const owner = Number(await readFile(this.lockOf(uid), 'utf8').catch(() => ''));
    // An empty lock is being written right now (or its owner died in between): leave it.
    if (!Number.isInteger(owner) || owner <= 0 || alive(owner)) return false;
    const guard = join(this.dir, `${uid}.reclaim`);
    if (!(await this.claim(uid, guard))) return false;
    try {
      // Read again under the guard: only a reclaimer removes another's lock, and only one holds the guard.
      const again = Number(await readFile(this.lockOf(uid), 'utf8').catch(() => ''));
      if (again !== owner) return false;
      await unlink(this.lockOf(uid));
      return true;
    } finally {
      await unlink(guard).catch(() => undefined);
    }
  }
}
