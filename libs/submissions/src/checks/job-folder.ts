import { chmod, mkdir, rm } from 'fs/promises';
import { join, resolve } from 'path';

/** A run's folder on the host: `input/` (read-only inside), `output/` (writable), removed afterwards. */
export class JobFolder {
  private constructor(readonly root: string) {}

  static async create(base: string, name: string): Promise<JobFolder> {
    const root = join(resolve(base), name);
    await rm(root, { recursive: true, force: true });
    await mkdir(join(root, 'input'), { recursive: true });
    await mkdir(join(root, 'output'), { recursive: true });
    // The sandbox runs as another uid: it reads everything and writes only output/.
    await chmod(resolve(base), 0o755);
    await chmod(root, 0o755);
    await chmod(join(root, 'input'), 0o755);
    await chmod(join(root, 'output'), 0o777);
    return new JobFolder(root);
  }

  path(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  /** Mounts for the sandbox: the folder read-only at /job, output/ writable on top. */
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
