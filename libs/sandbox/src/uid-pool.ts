import { mkdir, open, readFile, stat, unlink } from 'fs/promises';
import { join } from 'path';
import { pidSpace, processAlive } from './run-owner';
import { SandboxError, SandboxErrorCode } from './sandbox.errors';

/** A lock's owner: `<host> <pid>` (see pidSpace), or a bare `<pid>` (written by older workers, on the host's pid namespace). */
export const parseLockOwner = (text: string): { host: string | null; pid: number } | null => {
  const match = /^(?:(\S+) )?([1-9]\d*)$/.exec(text);
  return match ? { host: match[1] ?? null, pid: Number(match[2]) } : null;
};

/** What identifies one lock file: a lock removed and claimed again differs in one of these. */
interface LockSeen {
  text: string;
  ino: number;
  mtimeMs: number;
}

/**
 * The dedicated uids of concurrent runs, shared by every worker on the host: a uid is claimed by creating
 * `<uid>.lock` with O_EXCL in a host-wide folder (the kernel settles two claims), holding `<host> <pid>`, where host
 * names the pid's namespace too (pidSpace: containers may share the host's name with `network_mode: host`).
 * Workers in containers share the folder (a volume) but not a pid namespace: a pid is checked only in its own
 * namespace. A lock is reclaimed when its host is this one and its pid is dead, or when it is older than
 * `staleAfterMs`, which no live run reaches (the longest wall limit plus a margin). Reclaiming goes through a second
 * O_EXCL file, so two reclaimers never both take one lock.
 */
export class UidPool {
  private readonly held = new Set<number>();

  constructor(
    private readonly dir: string,
    private readonly base: number,
    private readonly staleAfterMs: number,
    private readonly size = 1024,
    private readonly host = pidSpace(),
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
      await handle.writeFile(`${this.host} ${process.pid}`).finally(() => handle.close());
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  /** The lock as it is now, or null when there is none. */
  private async see(uid: number): Promise<LockSeen | null> {
    try {
      const [facts, text] = await Promise.all([stat(this.lockOf(uid)), readFile(this.lockOf(uid), 'utf8')]);
      return { text, ino: facts.ino, mtimeMs: facts.mtimeMs };
    } catch {
      return null;
    }
  }

  private stale(lock: LockSeen): boolean {
    if (Date.now() - lock.mtimeMs > this.staleAfterMs) return true;
    const owner = parseLockOwner(lock.text);
    // A lock being written right now, or another host's (its pid means nothing here): only its age frees it.
    if (!owner || (owner.host !== null && owner.host !== this.host)) return false;
    return !processAlive(owner.pid);
  }

  /** Removes the uid's lock when it is stale; true when it did. */
  private async reclaimStale(uid: number): Promise<boolean> {
    const seen = await this.see(uid);
    if (!seen || !this.stale(seen)) return false;
    const guard = join(this.dir, `${uid}.reclaim`);
    if (!(await this.claim(uid, guard))) return false;
    try {
      // Look again under the guard: only a reclaimer removes another's lock, and only one holds the guard.
      const again = await this.see(uid);
      if (!again || again.text !== seen.text || again.ino !== seen.ino || again.mtimeMs !== seen.mtimeMs) return false;
      await unlink(this.lockOf(uid));
      return true;
    } finally {
      await unlink(guard).catch(() => undefined);
    }
  }
}
