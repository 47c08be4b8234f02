import { randomUUID } from 'crypto';
import { readlinkSync } from 'fs';
import { hostname } from 'os';

/** Whether a process of this pid namespace has `pid` (EPERM: it exists, but is another user's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Which pid namespace a pid means something in: the host name and the pid namespace's inode. Containers sharing the
 * host's name (`network_mode: host`) still have pid namespaces of their own, whose pids mean nothing to each other.
 */
export function pidSpace(): string {
  try {
    return `${hostname()}_${/\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1] ?? ''}`;
  } catch {
    return hostname();
  }
}

// `<host>.<pid>.<random>`: host names hold letters, digits, '-' and '.', so the random part and the pid are read from
// the right.
const NAME = /^(.+)\.([1-9]\d*)\.[^.]+$/;

/**
 * Who a run's host-side leftovers (its cgroups, its write-space mount point) belong to, in their names: the worker's
 * pid and where it means something (pidSpace). A worker killed mid-run cannot remove them; another worker on the same host tells that from the
 * dead pid, and anything older than the longest run is left over whoever made it.
 */
export class RunOwner {
  constructor(
    /** See pidSpace. */
    private readonly host = pidSpace(),
    private readonly pid = process.pid,
    private readonly alive: (pid: number) => boolean = processAlive,
  ) {}

  /** A new run's name, which names this process. */
  runName(): string {
    return `${this.prefix()}${randomUUID()}`;
  }

  /** The start of the names of this process's runs (a random part follows). */
  prefix(): string {
    return `${this.host}.${this.pid}.`;
  }

  /**
   * Whether what the run `name` left (a cgroup, a mount point) belongs to a run no worker will end: its owner is a dead
   * process of this host, or it is older than `staleAfterMs` (no run lives that long). A name in another format (an
   * older version's) or another host's goes by its age alone: its pid means nothing here.
   */
  leftBehind(name: string, modifiedMs: number, staleAfterMs: number, now = Date.now()): boolean {
    if (now - modifiedMs > staleAfterMs) return true;
    const owner = NAME.exec(name);
    if (!owner || owner[1] !== this.host) return false;
    const pid = Number(owner[2]);
    return pid !== this.pid && !this.alive(pid);
  }
}
