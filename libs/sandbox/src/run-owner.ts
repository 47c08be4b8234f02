import { randomBytes, randomUUID } from 'crypto';
import { readFileSync, readlinkSync } from 'fs';
import { readdir, stat } from 'fs/promises';
import { hostname } from 'os';
import { join } from 'path';

/** A process's start time (clock ticks after boot, /proc/<pid>/stat field 22) and state; null when there is none. */
function procStat(pid: number | 'self'): { state: string; start: string } | null {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // pid (comm) state ppid …: the command may hold spaces and parentheses, so read after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.length > 19 ? { state: fields[0], start: fields[19] } : null;
}

/**
 * Whether a process of this pid namespace has `pid`, and, given `start` (its start time when it was seen), is still
 * that process and not one that took its pid since. A zombie (dead, not yet reaped) counts as dead. Where /proc cannot
 * tell, a signal 0 does (EPERM: it exists, but is another user's).
 */
export function processAlive(pid: number, start?: string): boolean {
  try {
    const seen = procStat(pid);
    if (seen) return seen.state !== 'Z' && (start === undefined || seen.start === start);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process's start time (see processAlive), or '0' where /proc cannot tell. */
function ownStart(): string {
  try {
    return procStat('self')?.start ?? '0';
  } catch {
    return '0';
  }
}

/**
 * Which pid namespace a pid means something in: the host name and the pid namespace's inode. Containers sharing the
 * host's name (`network_mode: host`) still have pid namespaces of their own, whose pids mean nothing to each other.
 * Where the namespace cannot be read, a random token: then no other process takes this one's pids for its own.
 */
export function pidSpace(): string {
  const inode = (() => {
    try {
      return /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1];
    } catch {
      return undefined;
    }
  })();
  return `${hostname()}_${inode ?? `x${randomBytes(8).toString('hex')}`}`;
}

// `<space>.<pid>.<start>.<created ms>.<random>`: host names hold letters, digits, '-' and '.', so the other parts are
// read from the right.
const NAME = /^(.+)\.([1-9]\d*)\.(\d+)\.(\d+)\.[^.]+$/;

/**
 * Who a run's host-side leftovers (its cgroups, its write-space mount point) belong to, in their names: the worker (its
 * pid, its start time, and where the pid means something: pidSpace) and when the run began. A worker killed mid-run
 * cannot remove them; another worker of the same pid namespace tells that from its pid, and another one's are judged
 * by the run's age.
 */
export class RunOwner {
  constructor(
    /** See pidSpace. */
    private readonly space = pidSpace(),
    private readonly pid = process.pid,
    private readonly start = ownStart(),
    private readonly alive: (pid: number, start: string) => boolean = processAlive,
  ) {}

  /** A new run's name, which names this process. */
  runName(now = Date.now()): string {
    return `${this.prefix(now)}${randomUUID()}`;
  }

  /** The start of the name of a run of this process that begins `now` (a random part follows). */
  prefix(now = Date.now()): string {
    return `${this.space}.${this.pid}.${this.start}.${now}.`;
  }

  /**
   * Whether what the run `name` left (a cgroup, a mount point) belongs to a run no worker will end. In this pid
   * namespace, by its owner alone: a process that is gone, a zombie, or another one that took its pid (never by age: a
   * clock stepped forward must not end live runs). Another namespace's pids mean nothing here: its runs go once they
   * are older than `staleAfterMs` (no run lives that long), by the time in the name, or, for a name in another format
   * (an older version's), by `modifiedMs`.
   */
  leftBehind(name: string, modifiedMs: number, staleAfterMs: number, now = Date.now()): boolean {
    const owner = NAME.exec(name);
    if (!owner) return now - modifiedMs > staleAfterMs;
    const [, space, pid, start, created] = owner;
    if (space !== this.space) return now - Number(created) > staleAfterMs;
    return !(Number(pid) === this.pid && start === this.start) && !this.alive(Number(pid), start);
  }
}

/** Whether what a run left (by the run's name and the folder's mtime) belongs to a run no worker will end (RunOwner.leftBehind). */
export type LeftBehind = (name: string, modifiedMs: number) => boolean;

/**
 * The folders in `folder` named `prefix` then a run's name that `leftBehind` says no worker will end: where a sweep
 * looks (cgroups, mount points). A folder gone meanwhile is skipped.
 */
export async function leftBehindFolders(folder: string, prefix: string, leftBehind: LeftBehind): Promise<Array<{ name: string; path: string }>> {
  const found: Array<{ name: string; path: string }> = [];
  for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory() || !entry.name.startsWith(prefix)) continue;
    const path = join(folder, entry.name);
    const facts = await stat(path).catch(() => null);
    if (facts && leftBehind(entry.name.slice(prefix.length), facts.mtimeMs)) found.push({ name: entry.name, path });
  }
  return found;
}
