import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { buildZip, ZipEntrySpec } from '../../../../test/fixtures/ctf/zip-writer';
import { unsafeEntryName, ZipArchive, ZipArchiveError } from './zip-reader';

const drain = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const openSpecs = (specs: ZipEntrySpec[], limits = {}) => ZipArchive.open(buildZip(specs), limits);

async function rejection(promise: Promise<unknown>): Promise<ZipArchiveError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ZipArchiveError);
  return error as ZipArchiveError;
}

describe('ZipArchive', () => {
  it('should list regular files and read them back when the archive is well formed', async () => {
    const archive = await openSpecs([{ name: 'web/' }, { name: 'web/challenge.yml', data: 'name: A\n' }, { name: 'web/dist/index.html', data: '<h1>hi</h1>', method: 'store' }]);
    try {
      expect(archive.files.map((file) => file.path)).toEqual(['web/challenge.yml', 'web/dist/index.html']);
      expect(archive.has('web/dist/index.html')).toBe(true);
      expect(archive.has('web/')).toBe(false);
      expect((await archive.read('web/challenge.yml', 100)).toString()).toBe('name: A\n');
      expect((await drain(await archive.stream('web/dist/index.html'))).toString()).toBe('<h1>hi</h1>');
    } finally {
      archive.close();
    }
  });

  it('should open an archive from a path when given a file name', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'zip-reader-'));
    try {
      writeFileSync(join(folder, 'a.zip'), buildZip([{ name: 'a.txt', data: 'a' }]));
      const archive = await ZipArchive.open(join(folder, 'a.zip'));
      expect(archive.files).toEqual([{ path: 'a.txt', size: 1, compressedSize: expect.any(Number) }]);
      archive.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('should reject the bytes when they are not a zip', async () => {
    const error = await rejection(ZipArchive.open(Buffer.from('name: not a zip\n')));
    expect(error.message).toMatch(/not a readable zip archive/);
  });

  it.each([
    ['../evil.txt', /\.\./],
    ['a/../../evil.txt', /\.\./],
    ['/etc/passwd', /absolute/],
    ['C:/windows/evil.txt', /absolute|colon/],
    ['..\\evil.txt', /\.\./],
  ])('should reject the archive when an entry is named %s', async (name, reason) => {
    const error = await rejection(
      openSpecs([
        { name: 'ok.txt', data: 'ok' },
        { name, data: 'x' },
      ]),
    );
    expect(error.message).toMatch(reason);
  });

  it('should reject the archive when an entry is a symbolic link', async () => {
    const error = await rejection(openSpecs([{ name: 'link', data: '/etc/passwd', mode: 0o120777, method: 'store' }]));
    expect(error.message).toBe('entry link is a symbolic link');
  });

  it('should reject the archive when an entry is a device or fifo', async () => {
    const error = await rejection(openSpecs([{ name: 'fifo', data: '', mode: 0o010644, method: 'store' }]));
    expect(error.message).toBe('entry fifo is not a regular file');
  });

  it('should reject the archive when an entry is encrypted', async () => {
    const error = await rejection(openSpecs([{ name: 'secret.txt', data: 'x'.repeat(20), encrypted: true }]));
    expect(error.message).toBe('entry secret.txt is encrypted');
  });

  it('should reject the archive when it has more entries than allowed', async () => {
    const specs = Array.from({ length: 6 }, (_, index) => ({ name: `f${index}.txt`, data: 'x' }));
    const error = await rejection(openSpecs(specs, { maxEntries: 5 }));
    expect(error.message).toBe('the archive has 6 entries, more than 5');
    const archive = await openSpecs(specs.slice(0, 5), { maxEntries: 5 });
    archive.close();
  });

  it('should reject the archive when the total uncompressed size is above the cap', async () => {
    const specs = [
      { name: 'a.bin', data: Buffer.alloc(600, 1), method: 'store' as const },
      { name: 'b.bin', data: Buffer.alloc(600, 2), method: 'store' as const },
    ];
    const error = await rejection(openSpecs(specs, { maxTotalBytes: 1000 }));
    expect(error.message).toBe('the archive holds more than 1000 bytes uncompressed');
  });

  it('should reject the archive when one entry compresses more than the ratio allows', async () => {
    const error = await rejection(openSpecs([{ name: 'bomb.bin', data: Buffer.alloc(1024 * 1024) }]));
    expect(error.message).toBe('entry bomb.bin has a compression ratio above 100');
  });

  it('should reject the archive when a stored entry declares another size than its data', async () => {
    const error = await rejection(openSpecs([{ name: 'lie.txt', data: 'abcdef', method: 'store', declaredSize: 3 }]));
    expect(error.message).toMatch(/size mismatch/);
  });

  it('should fail the read when a deflated entry inflates to more than it declares', async () => {
    const archive = await openSpecs([{ name: 'lie.txt', data: 'abcdefghij'.repeat(20), declaredSize: 50 }]);
    try {
      const error = await rejection(drain(await archive.stream('lie.txt')));
      expect(error.message).toMatch(/^lie\.txt/);
      await rejection(archive.read('lie.txt', 1000));
    } finally {
      archive.close();
    }
  });

  it('should hold the error of a bad entry until the stream is read when the consumer starts late', async () => {
    const archive = await openSpecs([{ name: 'late.txt', data: 'abcdefghij'.repeat(20), declaredSize: 50 }]);
    try {
      const stream = await archive.stream('late.txt');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stream.destroyed).toBe(false);
      const error = await rejection(drain(stream));
      expect(error.message).toMatch(/^late\.txt/);
    } finally {
      archive.close();
    }
  });

  it('should fail the read when a deflated entry inflates to less than it declares', async () => {
    const archive = await openSpecs([{ name: 'short.txt', data: 'abcdefghij'.repeat(20), declaredSize: 300 }]);
    try {
      const error = await rejection(drain(await archive.stream('short.txt')));
      expect(error.message).toMatch(/^short\.txt/);
    } finally {
      archive.close();
    }
  });

  it('should fail the read when the CRC-32 is wrong', async () => {
    const archive = await openSpecs([{ name: 'crc.txt', data: 'hello', crc: 1234 }]);
    try {
      const error = await rejection(archive.read('crc.txt', 100));
      expect(error.message).toBe('crc.txt fails its CRC-32 check');
    } finally {
      archive.close();
    }
  });

  it('should refuse to read a file into memory when it is larger than the cap', async () => {
    const archive = await openSpecs([{ name: 'big.txt', data: 'x'.repeat(50), method: 'store' }]);
    try {
      const error = await rejection(archive.read('big.txt', 49));
      expect(error.message).toBe('big.txt is larger than 49 bytes');
      await rejection(archive.read('missing.txt', 49));
    } finally {
      archive.close();
    }
  });

  it('should reject the archive when an entry name appears twice', async () => {
    const error = await rejection(
      openSpecs([
        { name: 'a.txt', data: '1' },
        { name: 'a.txt', data: '2' },
      ]),
    );
    expect(error.message).toBe('entry a.txt appears twice');
  });
});

describe('unsafeEntryName', () => {
  it('should accept plain relative names and folders', () => {
    expect(unsafeEntryName('a/b/c.txt')).toBeNull();
    expect(unsafeEntryName('a/b/')).toBeNull();
    expect(unsafeEntryName('..hidden/x')).toBeNull();
  });

  it('should refuse names when they are not canonical or escape the folder', () => {
    for (const name of ['', 'a//b', './a', 'a/./b', 'a/..', '/a', 'a\\b', 'a\u0000b', 'C:x']) {
      expect(unsafeEntryName(name)).not.toBeNull();
    }
  });
});
