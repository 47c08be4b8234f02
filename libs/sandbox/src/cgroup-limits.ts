import { existsSync, readFileSync } from 'fs';
import { mkdir, readFile, rmdir, writeFile } from 'fs/promises';
import { basename, dirname, join } from 'path';
import { LeftBehind, leftBehindFolders } from './run-owner';

/** Where the cgroup file systems are mounted and this process's /proc/self/cgroup (a temp tree in tests). */
export interface CgroupHost {
  root: string;
  selfCgroup: string;
}

export function realCgroupHost(): CgroupHost {
  let selfCgroup = '';
  try {
    selfCgroup = readFileSync('/proc/self/cgroup', 'utf8');
  } catch {
    // Not Linux: no cgroups.
  }
  return { root: '/sys/fs/cgroup', selfCgroup };
}

/** What the kernel counted for one run. */
export interface CgroupUsage {
  peakBytes: number | null;
  /** The memory cgroup OOM-killed a process. */
  memoryLimitHit: boolean;
  /** The memory cgroup hit its limit at least once (reclaim or kill). */
  memoryPressure: boolean;
  /** A fork or clone failed at the pids limit. */
  processLimitHit: boolean;
  /** CPU time of the whole run, when accounted. */
  cpuSeconds: number | null;
}

const CONTROLLERS = ['memory', 'pids'];
// On v2 the worker's own cgroup gets two children: its processes move to a leaf, the runs go under the other.
export const V2_WORKER_LEAF = 'arena-worker';
export const V2_RUNS = 'arena-runs';

// A pid in cgroup.procs; v2 lists a process of another pid namespace as 0, which process.kill takes for our own group.
const PID = /^[1-9]\d*$/;
const read = (file: string) => readFile(file, 'utf8').catch(() => '');
const counter = (text: string, key: string) => Number(new RegExp(`(?:^|\\n)${key} (\\d+)`).exec(text)?.[1] ?? 0);
const positive = (text: string) => {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : null;
};

/**
 * Makes the worker's cgroup (v2) a delegated parent: moves the processes living in it to a leaf (no process
 * may sit in a cgroup that hands controllers down, except at the root) and enables +memory +pids for the runs.
 * Returns the folder the runs' groups go in, or null when the hierarchy is not delegated to us.
 */
export async function prepareV2(host: CgroupHost): Promise<string | null> {
  const base = ownV2Group(host);
  const available = (await read(join(base, 'cgroup.controllers'))).split(/\s+/);
  if (!CONTROLLERS.every((name) => available.includes(name))) return null;
  const enabled = (await read(join(base, 'cgroup.subtree_control'))).split(/\s+/);
  if (!CONTROLLERS.every((name) => enabled.includes(name))) {
    // The true root has no cgroup.type and may keep its processes.
    if (existsSync(join(base, 'cgroup.type'))) await evacuate(base);
    await writeFile(join(base, 'cgroup.subtree_control'), '+memory +pids');
  }
  const runs = join(base, V2_RUNS);
  await mkdir(runs, { recursive: true });
  await writeFile(join(runs, 'cgroup.subtree_control'), '+memory +pids');
  return runs;
}

/**
 * The worker's v2 group: the one this process lives in or, once prepareV2 moved it (and whatever shared its group: a
 * supervisor that restarts it) to the leaf, that leaf's parent. Never a level deeper per restart.
 */
function ownV2Group(host: CgroupHost): string {
  const own = join(host.root, /^0::(\/.*)$/m.exec(host.selfCgroup)?.[1]?.trim() ?? '/');
  return basename(own) === V2_WORKER_LEAF ? dirname(own) : own;
}

async function evacuate(base: string): Promise<void> {
  const leaf = join(base, V2_WORKER_LEAF);
  await mkdir(leaf, { recursive: true });
  const pids = (await read(join(base, 'cgroup.procs'))).split('\n').filter((line) => PID.test(line));
  // One pid per write, as the kernel wants; a process that ended meanwhile is no problem.
  for (const pid of pids) await writeFile(join(leaf, 'cgroup.procs'), pid).catch(() => undefined);
}

// Per process: the delegation is done once per cgroup root.
const preparedV2 = new Map<string, Promise<string | null>>();

/** A run's own cgroups (memory and pids, and CPU accounting where there is one), v1 or v2. */
export class CgroupLimits {
  private constructor(
    /** memory, pids, then optionally cpuacct (v1); the one group (v2). */
    private readonly dirs: string[],
    readonly version: 1 | 2,
  ) {}

  /** The `cgroup.procs` files the sandbox's first process writes its pid into. */
  get procsFiles(): string[] {
    return this.dirs.map((dir) => join(dir, 'cgroup.procs'));
  }

  get directories(): string[] {
    return [...this.dirs];
  }

  /** Which version this machine offers (v2 only when unified: hybrid machines limit through v1). */
  static versionOf(host: CgroupHost): 1 | 2 | null {
    if (existsSync(join(host.root, 'cgroup.controllers'))) return 2;
    return CONTROLLERS.every((name) => existsSync(join(host.root, name))) ? 1 : null;
  }

  /** Makes the groups and sets the limits; null (and nothing left behind) when cgroups are not ours to use. */
  static async create(name: string, memoryBytes: number, processes: number, host: CgroupHost = realCgroupHost()): Promise<CgroupLimits | null> {
    const version = CgroupLimits.versionOf(host);
    if (version === null) return null;
    const made: string[] = [];
    const group = async (dir: string, files: Record<string, string>, optional: string[] = []) => {
      await mkdir(dir);
      made.push(dir);
      for (const [file, value] of Object.entries(files)) {
        await writeFile(join(dir, file), value).catch((error) => {
          if (!optional.includes(file)) throw error;
        });
      }
    };
    try {
      if (version === 2) {
        if (!preparedV2.has(host.root))
          preparedV2.set(
            host.root,
            prepareV2(host).catch(() => null),
          );
        const runs = await preparedV2.get(host.root);
        if (!runs) return null;
        // The whole run dies on an OOM kill; swap would let a hog outlive the limit.
        const files = { 'memory.max': String(memoryBytes), 'memory.swap.max': '0', 'memory.oom.group': '1', 'pids.max': String(processes) };
        await group(join(runs, name), files, ['memory.swap.max', 'memory.oom.group']);
        return new CgroupLimits(made, 2);
      }
      for (const parent of CONTROLLERS) await mkdir(join(host.root, parent, 'arena'), { recursive: true });
      const memoryFiles = { 'memory.limit_in_bytes': String(memoryBytes), 'memory.memsw.limit_in_bytes': String(memoryBytes) };
      await group(join(host.root, 'memory', 'arena', name), memoryFiles, ['memory.memsw.limit_in_bytes']);
      await group(join(host.root, 'pids', 'arena', name), { 'pids.max': String(processes) });
      const cpuacct = join(host.root, 'cpuacct');
      if (existsSync(join(cpuacct, 'cpuacct.usage'))) {
        await mkdir(join(cpuacct, 'arena'), { recursive: true });
        await group(join(cpuacct, 'arena', name), {});
      }
      return new CgroupLimits(made, 1);
    } catch {
      await new CgroupLimits(made, version).remove();
      return null;
    }
  }

  /**
   * Removes the groups of runs that `leftBehind` (by the run's name and the group's age) says no worker will end (a
   * worker killed mid-run cannot remove its runs' groups), killing whatever still lives in them first. Answers how many
   * runs' groups went, and the groups that could not be removed (a process the kill cannot end).
   */
  static async sweep(leftBehind: LeftBehind, host: CgroupHost = realCgroupHost()): Promise<{ removed: number; stuck: string[] }> {
    const version = CgroupLimits.versionOf(host);
    const removed = new Set<string>();
    const stuck: string[] = [];
    if (version === null) return { removed: 0, stuck };
    const folders = version === 2 ? [join(ownV2Group(host), V2_RUNS)] : [...CONTROLLERS, 'cpuacct'].map((name) => join(host.root, name, 'arena'));
    for (const folder of folders) {
      for (const { name, path } of await leftBehindFolders(folder, '', leftBehind)) {
        // Never creates the file (a fake tree, or a kernel before 5.14 without it, which removeGroup covers).
        if (version === 2) await writeFile(join(path, 'cgroup.kill'), '1', { flag: 'r+' }).catch(() => undefined);
        if (await removeGroup(path)) removed.add(name);
        else stuck.push(path);
      }
    }
    return { removed: removed.size, stuck };
  }

  /** What the kernel counted: memory peak and kills, failed forks, CPU time. */
  async usage(): Promise<CgroupUsage> {
    const [first, pids, cpu] = this.version === 2 ? [this.dirs[0], this.dirs[0], this.dirs[0]] : [this.dirs[0], this.dirs[1], this.dirs[2]];
    const processLimitHit = counter(await read(join(pids, 'pids.events')), 'max') > 0;
    if (this.version === 2) {
      const events = await read(join(first, 'memory.events'));
      const usec = counter(await read(join(cpu, 'cpu.stat')), 'usage_usec');
      return {
        peakBytes: positive(await read(join(first, 'memory.peak'))),
        memoryLimitHit: counter(events, 'oom_kill') > 0 || counter(events, 'oom_group_kill') > 0,
        memoryPressure: counter(events, 'max') > 0,
        processLimitHit,
        cpuSeconds: usec > 0 ? usec / 1e6 : null,
      };
    }
    const nanoseconds = cpu ? positive(await read(join(cpu, 'cpuacct.usage'))) : null;
    return {
      peakBytes: positive(await read(join(first, 'memory.max_usage_in_bytes'))),
      memoryLimitHit: counter(await read(join(first, 'memory.oom_control')), 'oom_kill') > 0,
      memoryPressure: (positive(await read(join(first, 'memory.failcnt'))) ?? 0) > 0,
      processLimitHit,
      cpuSeconds: nanoseconds === null ? null : nanoseconds / 1e9,
    };
  }

  /** Kills what is left of the run and removes its groups; false when one could not be removed. */
  async remove(): Promise<boolean> {
    if (this.version === 2) await writeFile(join(this.dirs[0] ?? '', 'cgroup.kill'), '1').catch(() => undefined);
    let removed = true;
    for (const dir of [...this.dirs].reverse()) {
      removed = (await removeGroup(dir)) && removed;
    }
    return removed;
  }
}

async function removeGroup(dir: string): Promise<boolean> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    // Stragglers in the run's own group (v1 has no cgroup.kill): nothing else lives there.
    for (const pid of (await read(join(dir, 'cgroup.procs'))).split('\n').filter((line) => PID.test(line))) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    try {
      await rmdir(dir);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return false;
}
