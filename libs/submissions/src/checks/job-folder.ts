import { constants } from 'fs';
import { chmod, FileHandle, mkdir, open, rm } from 'fs/promises';
import { join, resolve } from 'path';

/** A run's folder on the host: `input/` (read-only inside), `output/` (writable), removed afterwards. */
export class JobFolder {
  private constructor(readonly root: string) {}

  static async create(base: string, name: string): Promise<JobFolder> {
    const root = join(resolve(base), name);
    await rm(root, { recursive: true, force: true });
    await mkdir(join(root, 'input'), { recursive: true });
    await mkdir(join(root, 'output'), { recursive: true });
    // The sandbox runs as another uid and reads everything. It writes to the runner's capped write space;
    // that is copied into output/ after the run, by the run's uid where the worker cannot mount as root.
    await chmod(resolve(base), 0o755);
    await chmod(root, 0o755);
    await chmod(join(root, 'input'), 0o755);
    await chmod(join(root, 'output'), 0o777);
    return new JobFolder(root);
  }

  path(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  /** Mounts for the sandbox: the folder read-only at /job, output/ writable on top (capped in total by the runner). */
  mounts() {
    return [
      { host: this.root, target: '/job', writable: false },
      { host: this.path('output'), target: '/job/output', writable: true },
    ];
  }

  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

/** A file a sandboxed run left in its output folder, opened for the worker, or why it cannot be used. */
export type RunOutput = { handle: FileHandle } | { problem: 'missing' | 'not-a-regular-file' };

/**
 * Opens a file the sandboxed run wrote without trusting it: the worker reads it on the host (as root),
 * so a symlink the run planted (to /etc/shadow, the worker's own /proc/self/environ, a ground truth…)
 * is never followed, a FIFO never blocks, and only a regular file with a single link is accepted.
 */
export async function openRunOutput(path: string): Promise<RunOutput> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: 'missing' };
    if (code === 'ELOOP' || code === 'ENXIO' || code === 'EISDIR') return { problem: 'not-a-regular-file' };
    throw error;
  }
  const info = await handle.stat();
  if (!info.isFile() || info.nlink !== 1) {
    await handle.close();
    return { problem: 'not-a-regular-file' };
  }
  return { handle };
}
