import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { canMountAsRoot, parseWriteFacts, WRITE_CAP_INODES, WriteCap } from './write-cap';

describe('write cap', () => {
  it('should report the limit hit when no block or no inode is left', () => {
    expect(parseWriteFacts('free 0 4096 100\n')).toEqual({ setupFailed: false, writeLimitHit: true, copyFailed: false });
    expect(parseWriteFacts('free 12 4096 0\n')).toMatchObject({ writeLimitHit: true });
    expect(parseWriteFacts('free 12 4096 100\n')).toMatchObject({ writeLimitHit: false });
  });

  it('should report a failed setup or copy when the helper says so', () => {
    expect(parseWriteFacts('setup-failed\n')).toMatchObject({ setupFailed: true, writeLimitHit: false });
    expect(parseWriteFacts('free 5 4096 9\ncopy-failed\n')).toMatchObject({ copyFailed: true });
  });

  it('should claim nothing when the helper left no report', () => {
    expect(parseWriteFacts('')).toEqual({ setupFailed: false, writeLimitHit: false, copyFailed: false });
  });

  it('should wrap the chain in a mount namespace as root and in a user namespace otherwise', async () => {
    const cap = await WriteCap.create(8);
    try {
      const asRoot = cap.wrap('/usr/bin/unshare', true, ['/job/output'], ['/usr/bin/bwrap', '--', 'true']);
      expect(asRoot.slice(0, 5)).toEqual(['/usr/bin/unshare', '--mount', '--propagation', 'private', '--']);
      expect(asRoot.slice(-8)).toEqual([cap.root, String(8 * 1024 * 1024), String(WRITE_CAP_INODES), '1', '/job/output', '/usr/bin/bwrap', '--', 'true']);
      expect(cap.wrap('/usr/bin/unshare', false, [], ['true']).slice(0, 4)).toEqual(['/usr/bin/unshare', '--user', '--map-root-user', '--mount']);
      expect(cap.paths(2)).toEqual({ tmp: `${cap.root}/tmp`, shm: `${cap.root}/shm`, writable: [`${cap.root}/w0`, `${cap.root}/w1`] });
    } finally {
      await cap.remove();
    }
  });
});

describe('mount rights', () => {
  const status = (capEff: string) => () => `Name:\tnode\nCapEff:\t${capEff}\n`;

  it('should mount as root only when root holds CAP_SYS_ADMIN', () => {
    const root = process.getuid?.() === 0;
    expect(canMountAsRoot(status('000001ffffffffff'))).toBe(root);
    expect(canMountAsRoot(status('00000000a80425fb'))).toBe(false); // Docker's default set: no CAP_SYS_ADMIN
  });
});

describe('WriteCap.sweep', () => {
  it("should remove the empty mount points of the runs it is told were left behind, by the run's name", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'arena-sweep-'));
    try {
      for (const name of ['arena-run-box.1.aaaaaa', 'arena-run-box.2.bbbbbb', 'arena-run-box.3.cccccc', 'other-box.1.aaaaaa']) mkdirSync(join(folder, name));
      // Not empty: never a mount point of ours (the tmpfs lives in the helper's namespace), so it stays.
      writeFileSync(join(folder, 'arena-run-box.3.cccccc', 'file'), '');
      const asked: string[] = [];
      const swept = await WriteCap.sweep((name) => {
        asked.push(name);
        return name !== 'box.2.bbbbbb';
      }, folder);
      expect(swept).toBe(1);
      expect(asked.sort()).toEqual(['box.1.aaaaaa', 'box.2.bbbbbb', 'box.3.cccccc']);
      expect(readdirSync(folder).sort()).toEqual(['arena-run-box.2.bbbbbb', 'arena-run-box.3.cccccc', 'other-box.1.aaaaaa']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
