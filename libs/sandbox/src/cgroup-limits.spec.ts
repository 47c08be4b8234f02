import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CgroupHost, CgroupLimits, V2_RUNS, V2_WORKER_LEAF } from './cgroup-limits';

const MiB = 1024 * 1024;

// A fake cgroup file system in a temp folder: the kernel's files are plain files we write and read.
function fakeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'arena-cgroup-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const text = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

describe('CgroupLimits on cgroup v2 (fake tree)', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const delegated = (extra: Record<string, string> = {}) =>
    fakeTree({
      'cgroup.controllers': 'cpuset cpu io memory pids',
      'worker.service/cgroup.controllers': 'memory pids',
      'worker.service/cgroup.subtree_control': '',
      'worker.service/cgroup.type': 'domain',
      'worker.service/cgroup.procs': '4242\n4243\n',
      ...extra,
    });
  const host = (): CgroupHost => ({ root, selfCgroup: '0::/worker.service\n' });

  it('should move the worker to a leaf and enable +memory +pids when its cgroup is delegated', async () => {
    root = delegated();
    const group = await CgroupLimits.create('run-1', 256 * MiB, 32, host());
    expect(group?.version).toBe(2);
    expect(text(root, `worker.service/${V2_WORKER_LEAF}/cgroup.procs`)).toMatch(/^424[23]$/);
    expect(text(root, 'worker.service/cgroup.subtree_control')).toBe('+memory +pids');
    expect(text(root, `worker.service/${V2_RUNS}/cgroup.subtree_control`)).toBe('+memory +pids');
  });

  it("should write the run's memory, swap, OOM group and pids limits in its own group when created", async () => {
    root = delegated();
    const group = await CgroupLimits.create('run-2', 256 * MiB, 32, host());
    const dir = `worker.service/${V2_RUNS}/run-2`;
    expect(group?.procsFiles).toEqual([join(root, dir, 'cgroup.procs')]);
    expect(text(root, `${dir}/memory.max`)).toBe(String(256 * MiB));
    expect(text(root, `${dir}/memory.swap.max`)).toBe('0');
    expect(text(root, `${dir}/memory.oom.group`)).toBe('1');
    expect(text(root, `${dir}/pids.max`)).toBe('32');
  });

  it('should read the kill, fork and CPU counters when the kernel counted them', async () => {
    root = delegated();
    const group = (await CgroupLimits.create('run-3', 256 * MiB, 32, host())) as CgroupLimits;
    const dir = join(root, `worker.service/${V2_RUNS}/run-3`);
    writeFileSync(join(dir, 'memory.events'), 'low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n');
    writeFileSync(join(dir, 'memory.peak'), String(255 * MiB));
    writeFileSync(join(dir, 'pids.events'), 'max 3\n');
    writeFileSync(join(dir, 'cpu.stat'), 'usage_usec 2500000\nuser_usec 2000000\n');
    expect(await group.usage()).toEqual({ peakBytes: 255 * MiB, memoryLimitHit: true, memoryPressure: true, processLimitHit: true, cpuSeconds: 2.5 });
  });

  it('should report no limit hit when every counter is zero', async () => {
    root = delegated();
    const group = (await CgroupLimits.create('run-4', 256 * MiB, 32, host())) as CgroupLimits;
    const dir = join(root, `worker.service/${V2_RUNS}/run-4`);
    writeFileSync(join(dir, 'memory.events'), 'low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n');
    writeFileSync(join(dir, 'pids.events'), 'max 0\n');
    expect(await group.usage()).toMatchObject({ memoryLimitHit: false, memoryPressure: false, processLimitHit: false });
  });

  it('should leave the processes where they are when the controllers are already enabled', async () => {
    root = delegated({ 'worker.service/cgroup.subtree_control': 'memory pids' });
    expect(await CgroupLimits.create('run-5', 256 * MiB, 32, host())).not.toBeNull();
    expect(existsSync(join(root, `worker.service/${V2_WORKER_LEAF}`))).toBe(false);
  });

  it('should give no cgroup when memory or pids is not delegated to the worker', async () => {
    root = delegated({ 'worker.service/cgroup.controllers': 'cpu io' });
    expect(await CgroupLimits.create('run-6', 256 * MiB, 32, host())).toBeNull();
    expect(existsSync(join(root, `worker.service/${V2_RUNS}`))).toBe(false);
  });

  it('should kill the whole group through cgroup.kill when the run is removed', async () => {
    root = delegated();
    const group = (await CgroupLimits.create('run-7', 256 * MiB, 32, host())) as CgroupLimits;
    // A fake folder keeps its files (the kernel's would go), so only the kill request is checked here.
    await expect(group.remove()).resolves.toBe(false);
    expect(text(root, `worker.service/${V2_RUNS}/run-7/cgroup.kill`)).toBe('1');
  });
});

describe('CgroupLimits on cgroup v1 (fake tree)', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('should make memory, pids and cpuacct groups with their limits when the hierarchies are there', async () => {
    root = fakeTree({ 'memory/cgroup.procs': '', 'pids/cgroup.procs': '', 'cpuacct/cpuacct.usage': '0' });
    const group = (await CgroupLimits.create('run-1', 128 * MiB, 16, { root, selfCgroup: '' })) as CgroupLimits;
    expect(group.version).toBe(1);
    expect(text(root, 'memory/arena/run-1/memory.limit_in_bytes')).toBe(String(128 * MiB));
    expect(text(root, 'memory/arena/run-1/memory.memsw.limit_in_bytes')).toBe(String(128 * MiB));
    expect(text(root, 'pids/arena/run-1/pids.max')).toBe('16');
    expect(group.procsFiles).toHaveLength(3);
    writeFileSync(join(root, 'memory/arena/run-1/memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\noom_kill 2\n');
    writeFileSync(join(root, 'memory/arena/run-1/memory.failcnt'), '40\n');
    writeFileSync(join(root, 'cpuacct/arena/run-1/cpuacct.usage'), '1500000000\n');
    expect(await group.usage()).toMatchObject({ memoryLimitHit: true, memoryPressure: true, processLimitHit: false, cpuSeconds: 1.5 });
  });

  it('should give no cgroup when there is no pids hierarchy', async () => {
    root = fakeTree({ 'memory/cgroup.procs': '' });
    expect(CgroupLimits.versionOf({ root, selfCgroup: '' })).toBeNull();
    expect(await CgroupLimits.create('run-2', 128 * MiB, 16, { root, selfCgroup: '' })).toBeNull();
  });
});

describe('CgroupLimits.sweep (fake trees)', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const dirs = (paths: string[]) => paths.forEach((path) => mkdirSync(join(root, path), { recursive: true }));

  it("should remove every v1 group of the runs it is told were left behind, and no one else's", async () => {
    root = fakeTree({ 'memory/cgroup.procs': '', 'pids/cgroup.procs': '', 'cpuacct/cpuacct.usage': '0' });
    dirs(['memory/arena/dead', 'pids/arena/dead', 'cpuacct/arena/dead', 'memory/arena/live', 'pids/arena/live']);
    const asked: string[] = [];
    const swept = await CgroupLimits.sweep(
      (name, modifiedMs) => {
        asked.push(name);
        expect(modifiedMs).toBeGreaterThan(Date.now() - 60_000);
        return name === 'dead';
      },
      { root, selfCgroup: '' },
    );
    expect(swept).toEqual({ removed: 1, stuck: [] });
    expect(['memory', 'pids', 'cpuacct'].map((controller) => existsSync(join(root, controller, 'arena/dead')))).toEqual([false, false, false]);
    expect(existsSync(join(root, 'memory/arena/live')) && existsSync(join(root, 'pids/arena/live'))).toBe(true);
    expect(asked.sort()).toEqual(['dead', 'dead', 'dead', 'live', 'live']);
  });

  it("should look beside the worker's v2 group, or beside its parent's once the worker was moved to the leaf", async () => {
    root = fakeTree({ 'cgroup.controllers': 'memory pids' });
    dirs([`worker.service/${V2_RUNS}/dead`, `worker.service/${V2_RUNS}/live`, `worker.service/${V2_WORKER_LEAF}`]);
    const leftBehind = (name: string) => name === 'dead';
    expect(await CgroupLimits.sweep(leftBehind, { root, selfCgroup: `0::/worker.service/${V2_WORKER_LEAF}\n` })).toEqual({ removed: 1, stuck: [] });
    expect(existsSync(join(root, `worker.service/${V2_RUNS}/dead`))).toBe(false);
    dirs([`worker.service/${V2_RUNS}/dead`]);
    expect(await CgroupLimits.sweep(leftBehind, { root, selfCgroup: '0::/worker.service\n' })).toEqual({ removed: 1, stuck: [] });
    expect(existsSync(join(root, `worker.service/${V2_RUNS}/dead`))).toBe(false);
    expect(existsSync(join(root, `worker.service/${V2_RUNS}/live`))).toBe(true);
  });

  it('should ask the kernel to kill what is left in a v2 group before removing it', async () => {
    root = fakeTree({ 'cgroup.controllers': 'memory pids', [`worker.service/${V2_RUNS}/dead/cgroup.kill`]: '' });
    // A fake folder keeps its files (the kernel's would go): the removal fails, the kill request is there.
    expect(await CgroupLimits.sweep(() => true, { root, selfCgroup: '0::/worker.service\n' })).toEqual({ removed: 0, stuck: [join(root, `worker.service/${V2_RUNS}/dead`)] });
    expect(text(root, `worker.service/${V2_RUNS}/dead/cgroup.kill`)).toBe('1');
  }, 10_000);

  it("should never signal pid 0 (how v2 lists another pid namespace's process): that would kill the sweeper's own group", async () => {
    root = fakeTree({ 'memory/cgroup.procs': '', 'pids/cgroup.procs': '', 'memory/arena/dead/cgroup.procs': '0\n' });
    const kill = jest.spyOn(process, 'kill').mockImplementation(() => true);
    try {
      expect((await CgroupLimits.sweep(() => true, { root, selfCgroup: '' })).stuck).toEqual([join(root, 'memory/arena/dead')]);
      expect(kill).not.toHaveBeenCalled();
    } finally {
      kill.mockRestore();
    }
  }, 10_000);

  it("should keep the runs beside the first worker's group when a restarted worker starts in the leaf it was moved to", async () => {
    root = fakeTree({
      'cgroup.controllers': 'memory pids',
      'worker.service/cgroup.controllers': 'memory pids',
      'worker.service/cgroup.subtree_control': '',
      'worker.service/cgroup.type': 'domain',
      'worker.service/cgroup.procs': '4242\n',
    });
    const first = (await CgroupLimits.create('run-a', 256 * MiB, 32, { root, selfCgroup: '0::/worker.service\n' })) as CgroupLimits;
    // The fake tree keeps what was written: the controllers are on from here.
    writeFileSync(join(root, 'worker.service/cgroup.subtree_control'), 'memory pids');
    const restarted = (await CgroupLimits.create('run-b', 256 * MiB, 32, { root, selfCgroup: `0::/worker.service/${V2_WORKER_LEAF}\n` })) as CgroupLimits;
    expect(first.directories).toEqual([join(root, `worker.service/${V2_RUNS}/run-a`)]);
    expect(restarted.directories).toEqual([join(root, `worker.service/${V2_RUNS}/run-b`)]);
    expect(existsSync(join(root, `worker.service/${V2_WORKER_LEAF}/${V2_RUNS}`))).toBe(false);
  });
});
