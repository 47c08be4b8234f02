import { spawn, spawnSync } from 'child_process';
import { readFileSync, readlinkSync } from 'fs';
import { hostname } from 'os';
import { pidSpace, processAlive, RunOwner } from './run-owner';

const HOUR = 3_600_000;
const NOW = 1_800_000_000_000;
const SPACE = 'box-1.example_4026531836';

describe('RunOwner', () => {
  // Live: pid 77 started at tick 500 (not 4242, not 77 started at another time).
  const alive = (pid: number, start: string) => pid === 77 && start === '500';
  const owner = new RunOwner(SPACE, 1000, '900', alive);

  it("should name runs after this process and their start, so that another process can tell the owner's death", () => {
    const name = owner.runName(NOW);
    expect(name).toMatch(/^box-1\.example_4026531836\.1000\.900\.1800000000000\.[0-9a-f-]{36}$/);
    expect(name.startsWith(owner.prefix(NOW))).toBe(true);
    // The same run seen by another worker of the namespace once this one died, or while it lives.
    expect(new RunOwner(SPACE, 2000, '950', () => false).leftBehind(name, NOW, HOUR, NOW)).toBe(true);
    expect(new RunOwner(SPACE, 2000, '950', (pid, start) => pid === 1000 && start === '900').leftBehind(name, NOW, HOUR, NOW)).toBe(false);
  });

  it('should never sweep the runs of a live process of its namespace, nor its own, however old they look', () => {
    expect(owner.leftBehind(`${SPACE}.77.500.${NOW - 10 * HOUR}.abc`, NOW - 10 * HOUR, HOUR, NOW)).toBe(false);
    expect(owner.leftBehind(owner.runName(NOW - 10 * HOUR), NOW - 10 * HOUR, HOUR, NOW)).toBe(false);
  });

  it("should sweep a dead process's runs of its namespace at once, and those of a pid taken since by another process", () => {
    expect(owner.leftBehind(`${SPACE}.4242.500.${NOW}.abc`, NOW, HOUR, NOW)).toBe(true);
    expect(owner.leftBehind(`${SPACE}.77.499.${NOW}.abc`, NOW, HOUR, NOW)).toBe(true);
    // This process's pid, but an earlier process's start time.
    expect(owner.leftBehind(`${SPACE}.1000.899.${NOW}.abc`, NOW, HOUR, NOW)).toBe(true);
  });

  it("should judge another namespace's runs by the time in their name, and names in another format by their age", () => {
    expect(owner.leftBehind(`box-1.example_4026532000.4242.500.${NOW - HOUR + 1}.abc`, NOW - 10 * HOUR, HOUR, NOW)).toBe(false);
    expect(owner.leftBehind(`box-1.example_4026532000.4242.500.${NOW - HOUR - 1}.abc`, NOW, HOUR, NOW)).toBe(true);
    expect(owner.leftBehind('0b6f2a9e-2a5e-4d1c-9d61-1f3a1b2c3d4e', NOW, HOUR, NOW)).toBe(false);
    expect(owner.leftBehind('0b6f2a9e-2a5e-4d1c-9d61-1f3a1b2c3d4e', NOW - HOUR - 1, HOUR, NOW)).toBe(true);
  });
});

describe('processAlive', () => {
  const startOf = (pid: number | 'self') => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  };

  it('should tell a live process, one that has ended, and a live pid whose start time is not the one seen', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(process.pid, startOf('self'))).toBe(true);
    expect(processAlive(process.pid, `${startOf('self')}0`)).toBe(false);
    const ended = Number(spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim());
    expect(processAlive(ended)).toBe(false);
    // Another user's process (pid 1 is root's; the check does not need to signal it).
    expect(processAlive(1)).toBe(true);
  });

  it('should count a zombie (ended, not yet reaped) as dead', async () => {
    // A child that exits while its parent (this process) has not reaped it: node reaps on a later turn of the event
    // loop, which this loop holds up.
    const child = spawn('sh', ['-c', 'exit 0'], { stdio: 'ignore' });
    const pid = child.pid as number;
    const deadline = Date.now() + 5000;
    let state = '';
    while (Date.now() < deadline && state !== 'Z') {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
      } catch {
        break;
      }
    }
    expect(state).toBe('Z');
    expect(processAlive(pid)).toBe(false);
    await new Promise((resolve) => child.once('exit', resolve));
    expect(processAlive(pid)).toBe(false);
  });
});

describe('pidSpace', () => {
  it("should name the host and this process's pid namespace, which containers sharing the host's name do not share", () => {
    const inode = /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1];
    expect(inode).toMatch(/^\d+$/);
    expect(pidSpace()).toBe(`${hostname()}_${inode}`);
  });
});
