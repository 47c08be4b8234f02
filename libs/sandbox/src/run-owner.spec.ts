import { readlinkSync } from 'fs';
import { hostname } from 'os';
import { pidSpace, RunOwner } from './run-owner';

const HOUR = 3_600_000;
const NOW = 1_800_000_000_000;

describe('RunOwner', () => {
  const dead = new Set([4242]);
  const owner = new RunOwner('box-1.example', 1000, (pid) => !dead.has(pid));

  it("should name runs after this host and process, so that another process can tell the owner's death", () => {
    const name = owner.runName();
    expect(name).toMatch(/^box-1\.example\.1000\.[0-9a-f-]{36}$/);
    expect(name.startsWith(owner.prefix())).toBe(true);
    // The same run seen by another worker of the host once this one died.
    expect(new RunOwner('box-1.example', 2000, (pid) => pid !== 1000).leftBehind(name, NOW, HOUR, NOW)).toBe(true);
    expect(new RunOwner('box-1.example', 2000, () => true).leftBehind(name, NOW, HOUR, NOW)).toBe(false);
  });

  it('should leave the runs of live processes, and its own, until they are older than any run lives', () => {
    expect(owner.leftBehind('box-1.example.77.abc123', NOW - HOUR + 1, HOUR, NOW)).toBe(false);
    expect(owner.leftBehind(`${owner.prefix()}abc123`, NOW, HOUR, NOW)).toBe(false);
    expect(owner.leftBehind('box-1.example.77.abc123', NOW - HOUR - 1, HOUR, NOW)).toBe(true);
  });

  it("should sweep a dead process's runs of this host at once", () => {
    expect(owner.leftBehind('box-1.example.4242.abc123', NOW, HOUR, NOW)).toBe(true);
  });

  it("should judge another host's runs, and names in another format, by their age alone (a pid means nothing there)", () => {
    expect(owner.leftBehind('box-2.example.4242.abc123', NOW, HOUR, NOW)).toBe(false);
    expect(owner.leftBehind('0b6f2a9e-2a5e-4d1c-9d61-1f3a1b2c3d4e', NOW, HOUR, NOW)).toBe(false);
    expect(owner.leftBehind('4242', NOW, HOUR, NOW)).toBe(false);
    expect(owner.leftBehind('box-2.example.4242.abc123', NOW - 2 * HOUR, HOUR, NOW)).toBe(true);
    expect(owner.leftBehind('0b6f2a9e-2a5e-4d1c-9d61-1f3a1b2c3d4e', NOW - 2 * HOUR, HOUR, NOW)).toBe(true);
  });
});

describe('pidSpace', () => {
  it("should name the host and this process's pid namespace, which containers sharing the host's name do not share", () => {
    const inode = /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1];
    expect(inode).toMatch(/^\d+$/);
    expect(pidSpace()).toBe(`${hostname()}_${inode}`);
  });
});
