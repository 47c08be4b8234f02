import { readFileSync } from 'fs';
import { chmod, mkdtemp, rmdir } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { LeftBehind, leftBehindFolders } from './run-owner';

const MiB = 1024 * 1024;
// A run's mount point in the temp folder: this, the name of its owner (RunOwner.prefix), then a random part.
const MOUNT_POINT = 'arena-run-';
const CAP_SYS_ADMIN = 21n;
// Files and folders a run may create in all its writable places together (each costs kernel memory).
export const WRITE_CAP_INODES = 16384;

/**
 * The helper that owns a run's write space. In a mount namespace of its own (so nothing is left mounted on
 * the host, even when the run is killed) it mounts one size-capped tmpfs, runs the chain, then, once every
 * sandboxed process is gone (bubblewrap's pid namespace died with it), reports how full the space is on
 * fd 4 and copies the writable folders out to their host folders. The chain never sees fd 4.
 *   $1 mount point, $2 bytes, $3 inodes, $4 N, then N host folders, then the chain.
 */
const HELPER = `
PATH=/usr/sbin:/usr/bin:/sbin:/bin
root=$1 size=$2 inodes=$3 count=$4
shift 4
fail() { echo setup-failed >&4; exit 1; }
mount -t tmpfs -o "size=$size,nr_inodes=$inodes,mode=0755,nosuid,nodev" arena-run "$root" || fail
mkdir -m 1777 "$root/tmp" "$root/shm" || fail
i=0
while [ "$i" -lt "$count" ]; do mkdir -m 0777 "$root/w$i" || fail; i=$((i + 1)); done
(shift "$count"; exec /usr/bin/env -i "$@" 4>&-)
status=$?
stat -f -c 'free %a %S %d' "$root" >&4
i=0
for dir; do
  [ "$i" -lt "$count" ] || break
  cp -R -P --preserve=links --sparse=always "$root/w$i/." "$dir/" 2>/dev/null || echo copy-failed >&4
  i=$((i + 1))
done
exit "$status"
`;

/**
 * Whether this process may make a mount namespace itself: root with CAP_SYS_ADMIN (not root in a container
 * without it, where the helper instead runs after the uid drop, in a user namespace of the run's uid).
 */
export function canMountAsRoot(status = () => readFileSync('/proc/self/status', 'utf8')): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    const effective = /^CapEff:\s*([0-9a-f]+)$/m.exec(status());
    return effective !== null && ((BigInt(`0x${effective[1]}`) >> CAP_SYS_ADMIN) & 1n) === 1n;
  } catch {
    return false;
  }
}

/** Where bubblewrap finds the run's writable places: all on the one capped tmpfs. */
export interface WritePaths {
  tmp: string;
  shm: string;
  /** One folder per writable mount, in the order of the request's mounts. */
  writable: string[];
}

/** What the helper saw, read from its fd 4 after the run. */
export interface WriteFacts {
  /** The mount or its folders could not be made: the run never started. */
  setupFailed: boolean;
  /** No block or no inode left: the run met the cap (a write got ENOSPC, or would have). */
  writeLimitHit: boolean;
  copyFailed: boolean;
}

/** Parses the helper's report; a missing report (the helper was killed) says nothing was hit. */
export function parseWriteFacts(report: string): WriteFacts {
  const free = /^free (\d+) (\d+) (\d+)$/m.exec(report);
  return {
    setupFailed: /^setup-failed$/m.test(report),
    writeLimitHit: free !== null && (Number(free[1]) === 0 || Number(free[3]) === 0),
    copyFailed: /^copy-failed$/m.test(report),
  };
}

/**
 * A run's write space: /tmp, /dev/shm and every writable mount share one tmpfs of `writeMb`, so the total a
 * run writes is bounded, not only each file (RLIMIT_FSIZE). The mount point is an empty host folder.
 */
export class WriteCap {
  private constructor(
    readonly root: string,
    readonly bytes: number,
  ) {}

  /** `owner` starts the mount point's name after MOUNT_POINT (see RunOwner.prefix). */
  static async create(writeMb: number, owner = ''): Promise<WriteCap> {
    const root = await mkdtemp(join(tmpdir(), `${MOUNT_POINT}${owner}`));
    await chmod(root, 0o755); // Reachable by the run's uid when the helper runs as that uid.
    return new WriteCap(root, writeMb * MiB);
  }

  paths(writableMounts: number): WritePaths {
    return { tmp: join(this.root, 'tmp'), shm: join(this.root, 'shm'), writable: Array.from({ length: writableMounts }, (_, index) => join(this.root, `w${index}`)) };
  }

  /**
   * The chain wrapped in the helper: with CAP_SYS_ADMIN a mount namespace is enough; otherwise a user
   * namespace maps the caller's uid to root in it, which may mount there (never on the host).
   */
  wrap(unshare: string, asRoot: boolean, writableHosts: string[], chain: string[]): string[] {
    const namespaces = asRoot ? ['--mount'] : ['--user', '--map-root-user', '--mount'];
    const args = [this.root, String(this.bytes), String(WRITE_CAP_INODES), String(writableHosts.length), ...writableHosts];
    return [unshare, ...namespaces, '--propagation', 'private', '--', '/bin/sh', '-c', HELPER, 'arena-run', ...args, ...chain];
  }

  /** The mount point is empty on the host (the tmpfs lived in the helper's namespace only). */
  async remove(): Promise<void> {
    await rmdir(this.root).catch(() => undefined);
  }

  /**
   * Removes the mount points of runs that `leftBehind` (by the run's name and the folder's age) says no worker will end:
   * a worker killed mid-run cannot. Only empty folders go (rmdir). Never one of a live run: removing a folder that is a
   * mount point in another namespace would detach the run's write space there. Answers how many went.
   */
  static async sweep(leftBehind: LeftBehind, folder = tmpdir()): Promise<number> {
    let swept = 0;
    for (const { path } of await leftBehindFolders(folder, MOUNT_POINT, leftBehind)) {
      try {
        await rmdir(path);
        swept += 1;
      } catch {
        // Not empty, or gone meanwhile.
      }
    }
    return swept;
  }
}
