import { ChildProcess, spawn } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { get } from 'http';
import { AddressInfo, createServer } from 'net';
import { resolve } from 'path';
import { eventually } from './utils/test-worker';

const ROOT = resolve(__dirname, '..');

const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });

/** Pids of the processes whose parent is `pid` (the api processes of the supervisor). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((done) => (child.exitCode !== null ? done(child.exitCode) : child.once('exit', (code) => done(code))));

// API_WORKERS: the real api binary as a supervisor of several api processes sharing one port.
describe('api processes (API_WORKERS)', () => {
  const children: ChildProcess[] = [];
  let output = '';
  const listening = () => [...output.matchAll(/api process (\d+) is listening/g)].map((match) => Number(match[1]));

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  function startApi(env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json', LOG_LEVEL: 'silent', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (output += text));
    children.push(child);
    return child;
  }

  it('should serve from 2 processes, replace one that dies, and stop all of them on SIGTERM', async () => {
    const port = await freePort();
    const supervisor = startApi({ API_WORKERS: '2', PORT: String(port) });
    // A new connection each time: a kept-alive one belongs to the process that accepted it.
    const health = () =>
      new Promise<number>((done) => {
        const request = get({ host: '127.0.0.1', port, path: '/health', agent: false, timeout: 1000 }, (response) => {
          response.resume();
          done(response.statusCode ?? 0);
        });
        request.once('timeout', () => request.destroy()).once('error', () => done(0));
      });
    await eventually(async () => (listening().length === 2 && (await health()) === 200 ? true : undefined), 90_000, 200);
    expect(childrenOf(supervisor.pid as number).sort()).toEqual(listening().sort());
    const [first, second] = childrenOf(supervisor.pid as number);
    process.kill(first, 'SIGKILL');
    // The port keeps answering (a connection handed to the dead process fails: clients retry).
    await eventually(async () => ((await health()) === 200 ? true : undefined), 30_000, 50);
    await eventually(
      async () => {
        const now = childrenOf(supervisor.pid as number);
        return now.length === 2 && !now.includes(first) && now.includes(second) ? true : undefined;
      },
      90_000,
      200,
    );
    const replacement = childrenOf(supervisor.pid as number).find((pid) => pid !== second) as number;
    process.kill(second, 'SIGKILL');
    await eventually(async () => ((await health()) === 200 ? true : undefined), 90_000, 200);
    supervisor.kill('SIGTERM');
    expect(await exitOf(supervisor)).toBe(0);
    expect(childrenOf(supervisor.pid as number)).toEqual([]);
    expect(() => process.kill(replacement, 0)).toThrow();
  }, 240_000);

  it('should stop with an error instead of restarting in a loop when the api processes cannot listen', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    try {
      const supervisor = startApi({ API_WORKERS: '2', PORT: String((taken.address() as AddressInfo).port) });
      expect(await exitOf(supervisor)).toBe(1);
    } finally {
      taken.close();
    }
  }, 120_000);
});
