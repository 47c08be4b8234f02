import { existsSync } from 'fs';
import { mkdir, readFile, rmdir, writeFile } from 'fs/promises';
import { join } from 'path';

const V1_MEMORY = '/sys/fs/cgroup/memory';
const V1_PIDS = '/sys/fs/cgroup/pids';
const V2_ROOT = '/sys/fs/cgroup';

/** A run's own cgroups (memory and pids), when this machine lets us make them; v1 and v2. */
export class CgroupLimits {
  private constructor(
    private readonly dirs: string[],
    private readonly version: 1 | 2,
  ) {}

  /** The `cgroup.procs` files the sandbox's first process writes its pid into. */
  get procsFiles(): string[] {
    return this.dirs.map((dir) => join(dir, 'cgroup.procs'));
  }

  /** Makes the groups and sets the limits; null when cgroups are not writable (rlimits still apply). */
  static async create(name: string, memoryBytes: number, processes: number): Promise<CgroupLimits | null> {
    try {
      if (existsSync(join(V2_ROOT, 'cgroup.controllers'))) {
        const dir = join(V2_ROOT, 'arena', name);
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, 'memory.max'), String(memoryBytes));
        await writeFile(join(dir, 'memory.swap.max'), '0').catch(() => undefined);
        await writeFile(join(dir, 'pids.max'), String(processes));
        return new CgroupLimits([dir], 2);
      }
      if (!existsSync(V1_MEMORY)) return null;
      const memory = join(V1_MEMORY, 'arena', name);
      await mkdir(memory, { recursive: true });
      await writeFile(join(memory, 'memory.limit_in_bytes'), String(memoryBytes));
      // Swap would let a hog outlive the limit; not every kernel accounts it.
      await writeFile(join(memory, 'memory.memsw.limit_in_bytes'), String(memoryBytes)).catch(() => undefined);
      const dirs = [memory];
      if (existsSync(V1_PIDS)) {
        const pids = join(V1_PIDS, 'arena', name);
        await mkdir(pids, { recursive: true });
        await writeFile(join(pids, 'pids.max'), String(processes));
        dirs.push(pids);
      }
      return new CgroupLimits(dirs, 1);
    } catch {
      return null;
    }
  }

  /** Peak memory and whether the memory limit was hit. */
  async usage(): Promise<{ peakBytes: number | null; memoryLimitHit: boolean; memoryPressure: boolean }> {
    const dir = this.dirs[0];
    const read = (file: string) => readFile(join(dir, file), 'utf8').catch(() => '');
    if (this.version === 2) {
      const events = await read('memory.events');
      const oom = /oom_kill (\d+)/.exec(events);
      const peak = Number((await read('memory.peak')).trim());
      const max = /(?:^|\n)max (\d+)/.exec(events);
      return {
        peakBytes: Number.isFinite(peak) && peak > 0 ? peak : null,
        memoryLimitHit: oom !== null && Number(oom[1]) > 0,
        memoryPressure: max !== null && Number(max[1]) > 0,
      };
    }
    const peak = Number((await read('memory.max_usage_in_bytes')).trim());
    const failcnt = Number((await read('memory.failcnt')).trim());
    const oomControl = await read('memory.oom_control');
    const killed = /oom_kill (\d+)/.exec(oomControl);
    return {
      peakBytes: Number.isFinite(peak) && peak > 0 ? peak : null,
      memoryLimitHit: killed !== null && Number(killed[1]) > 0,
      memoryPressure: failcnt > 0,
    };
  }

  /** Removes the groups (they are empty once the run's processes are gone). */
  async remove(): Promise<void> {
    for (const dir of this.dirs) {
      for (let attempt = 0; attempt < 20; attempt += 1) {
        try {
          await rmdir(dir);
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    }
  }
}
