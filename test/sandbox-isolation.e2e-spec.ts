import { loadConfig } from '@arena/config';
import { DEFAULT_LIMITS, SandboxLimits, SandboxRunner, SandboxVerdict } from '@arena/sandbox';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const MiB = 1024 * 1024;

// Every hostile program stops itself within bounds even if the sandbox failed, to protect the machine.
describe('sandbox isolation (capped write space, read-only /dev, seccomp; real runs)', () => {
  const runner = new SandboxRunner(loadConfig());
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, wallSeconds: 20, cpuSeconds: 10, memoryMb: 256, processes: 32, writeMb: 8, outputKeptBytes: 4096 };

  function job(script: string) {
    const dir = mkdtempSync(join(tmpdir(), 'arena-iso-'));
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'input'));
    mkdirSync(join(dir, 'output'));
    chmodSync(join(dir, 'output'), 0o777);
    writeFileSync(join(dir, 'input', 'main.py'), script);
    const run = () =>
      runner.run({
        command: ['python3', 'input/main.py'],
        cwd: '/job',
        mounts: [
          { host: dir, target: '/job', writable: false },
          { host: join(dir, 'output'), target: '/job/output', writable: true },
        ],
        limits,
      });
    const outputBytes = () => readdirSync(join(dir, 'output')).reduce((sum, name) => sum + statSync(join(dir, 'output', name)).size, 0);
    return { dir, run, outputBytes };
  }

  // Writes `chunks` MiB to each path in turn until a write fails; prints what was written.
  const filler = (paths: string[], chunks: number) => `
written = 0
try:
    for path in ${JSON.stringify(paths)}:
        with open(path, 'wb') as f:
            for _ in range(${chunks}):
                f.write(b'x' * ${MiB}); f.flush(); written += ${MiB}
except OSError as e:
    print('stopped', e.errno)
print('written', written)
`;
  const written = (stdout: string) => Number(/written (\d+)/.exec(stdout)?.[1]);

  it('should run a normal program with threads and a child process, and copy its output out', async () => {
    const script = `
import subprocess, threading
results = []
threads = [threading.Thread(target=lambda i=i: results.append(i * i)) for i in range(4)]
for t in threads: t.start()
for t in threads: t.join()
child = subprocess.run(['sh', '-c', 'echo from child'], capture_output=True, text=True).stdout.strip()
open('/tmp/scratch.txt', 'w').write('temp')
open('output/predictions.csv', 'w').write('id,label\\n' + str(sum(results)) + ',' + child + '\\n')
print('done')
`;
    const { dir, run } = job(script);
    const result = await run();
    expect(result).toMatchObject({ verdict: SandboxVerdict.Ok, exitCode: 0, stdout: 'done\n', limit: null });
    expect(readFileSync(join(dir, 'output', 'predictions.csv'), 'utf8')).toBe('id,label\n14,from child\n');
  });

  it('should refuse ptrace, unshare and mount with EPERM when the program calls them directly', async () => {
    const script = `
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
def outcome(result):
    return 'errno %d' % ctypes.get_errno() if result == -1 else 'succeeded'
print('ptrace', outcome(libc.ptrace(0, 0, None, None)))
print('unshare', outcome(libc.unshare(0)))
print('mount', outcome(libc.mount(b'none', b'/tmp', b'tmpfs', 0, None)))
print('keyctl', outcome(libc.syscall(250 if os.uname().machine == 'x86_64' else 219, 0, -3, 0)))
`;
    const result = await job(script).run();
    expect(result.verdict).toBe(SandboxVerdict.Ok);
    expect(result.stdout).toBe('ptrace errno 1\nunshare errno 1\nmount errno 1\nkeyctl errno 1\n');
  });

  (process.arch === 'x64' ? it : it.skip)('should kill a program making a syscall of the x32 ABI when it runs on x86_64', async () => {
    const script = `
import ctypes, mmap
code = b'\\xb8\\x27\\x00\\x00\\x40\\x0f\\x05\\xc3'  # mov eax, 0x40000027 (x32 getpid); syscall; ret
page = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
page.write(code)
call = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(page)))
print('x32 getpid answered', call())
`;
    const result = await job(script).run();
    expect(result.stdout).not.toContain('answered');
    expect(result).toMatchObject({ verdict: SandboxVerdict.RuntimeError, message: expect.stringContaining('SIGSYS') });
  });

  it('should keep /dev read-only while its devices still work', async () => {
    const script = `
import os
try:
    with open('/dev/evil', 'wb') as f: f.write(b'x' * ${4 * MiB})
    print('wrote /dev/evil')
except OSError as e:
    print('refused', e.errno)
open('/dev/null', 'wb').write(b'ok')
print('random', len(open('/dev/urandom', 'rb').read(16)))
`;
    const result = await job(script).run();
    expect(result.stdout).toBe('refused 30\nrandom 16\n'); // EROFS
  });

  it('should bound /dev/shm by the write limit and name that limit', async () => {
    const result = await job(filler(['/dev/shm/a', '/dev/shm/b', '/dev/shm/c'], 8)).run();
    expect(result.stdout).toContain('stopped 28'); // ENOSPC
    expect(written(result.stdout)).toBeLessThanOrEqual(limits.writeMb * MiB);
    expect(result).toMatchObject({ verdict: SandboxVerdict.OutputLimit, limit: 'writeMb' });
  });

  it('should bound the total written to output/ across many files, not only each file', async () => {
    const { run, outputBytes } = job(filler(['output/1.bin', 'output/2.bin', 'output/3.bin', 'output/4.bin', 'output/5.bin', 'output/6.bin'], 4));
    const result = await run();
    expect(result.stdout).toContain('stopped 28');
    expect(written(result.stdout)).toBeLessThanOrEqual(limits.writeMb * MiB);
    expect(outputBytes()).toBeLessThanOrEqual(limits.writeMb * MiB);
    expect(result).toMatchObject({ verdict: SandboxVerdict.OutputLimit, limit: 'writeMb' });
  });

  it('should count /tmp and output/ against the same total', async () => {
    const result = await job(filler(['/tmp/a.bin', 'output/b.bin'], 6)).run();
    expect(result.stdout).toContain('stopped 28');
    expect(written(result.stdout)).toBeLessThanOrEqual(limits.writeMb * MiB);
    expect(result).toMatchObject({ verdict: SandboxVerdict.OutputLimit, limit: 'writeMb' });
  });

  it('should copy links out as links, never following them on the host', async () => {
    const script = `
import os
os.symlink('/etc/shadow', 'output/shadow')
open('output/data.csv', 'w').write('x')
os.link('output/data.csv', 'output/again.csv')
`;
    const { dir, run } = job(script);
    expect((await run()).verdict).toBe(SandboxVerdict.Ok);
    expect(lstatSync(join(dir, 'output', 'shadow')).isSymbolicLink()).toBe(true);
    expect(statSync(join(dir, 'output', 'data.csv')).nlink).toBe(2);
  });

  it('should call a program that prints "bwrap: x" and exits 1 a runtime error, not the refunded system error', async () => {
    const { run } = job("import sys\nsys.stderr.write('bwrap: Creating new namespace failed: x\\n')\nsys.exit(1)\n");
    const result = await run();
    expect(result.stderr).toMatch(/^bwrap: /);
    expect(result).toMatchObject({ verdict: SandboxVerdict.RuntimeError, limit: null, exitCode: 1 });
  });

  it("should keep bubblewrap's status and the helpers' side channels out of the program's reach", async () => {
    const { run } = job(
      "import os\nopen_fds = []\nfor fd in (3, 4, 5):\n    try:\n        os.fstat(fd); open_fds.append(fd)\n    except OSError:\n        pass\nprint('open', open_fds)\n",
    );
    const result = await run();
    expect(result.verdict).toBe(SandboxVerdict.Ok);
    // 3 is bubblewrap's seccomp input, 4 the write-space helper's report, 5 bubblewrap's status.
    expect(result.stdout.trim()).toBe('open []');
  });

  it('should still call a real bubblewrap setup failure a system error', async () => {
    const { dir } = job('print(1)\n');
    const result = await runner.run({
      command: ['python3', 'input/main.py'],
      cwd: '/job',
      mounts: [
        { host: dir, target: '/job', writable: false },
        { host: join(dir, 'missing'), target: '/job/missing', writable: false },
      ],
      limits,
    });
    expect(result).toMatchObject({ verdict: SandboxVerdict.SystemError, message: 'the sandbox could not be set up' });
  });

  it('should leave no mount on the host after a run', async () => {
    await job("open('/tmp/x', 'w').write('x')").run();
    expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain('arena-run');
  });
});
