import { createWriteStream } from 'fs';
import { mkdir } from 'fs/promises';
import { dirname, join, normalize, sep } from 'path';
import { Readable, Transform } from 'stream';
import { pipeline } from 'stream/promises';
import * as yauzl from 'yauzl';

/** Bounds on what an archive may unpack to. */
export interface ArchiveLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /** Uncompressed / compressed, per entry (zip bombs). */
  maxRatio: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 1000, maxTotalBytes: 100 * 1024 * 1024, maxRatio: 100 };

/** A problem with an archive, said so a person can fix it. */
export class ArchiveError extends Error {}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/** The safe relative path of an entry, or an ArchiveError: no absolute paths, no `..`, no drive letters. */
export function safeEntryPath(name: string): string {
  if (name.includes('\0')) throw new ArchiveError(`entry name with a NUL byte: ${JSON.stringify(name)}`);
  const unixName = name.replace(/\\/g, '/');
  if (unixName.startsWith('/') || /^[A-Za-z]:/.test(unixName)) throw new ArchiveError(`absolute path in archive: ${name}`);
  const parts = unixName.split('/');
  if (parts.some((part) => part === '..')) throw new ArchiveError(`path escapes the archive: ${name}`);
  const cleaned = normalize(parts.filter((part) => part !== '' && part !== '.').join(sep));
  if (cleaned.startsWith('..')) throw new ArchiveError(`path escapes the archive: ${name}`);
  return cleaned;
}

function entryKind(entry: yauzl.Entry): 'file' | 'directory' {
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) throw new ArchiveError(`symbolic link in archive: ${entry.fileName}`);
  if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) throw new ArchiveError(`special file in archive: ${entry.fileName}`);
  return entry.fileName.endsWith('/') || mode === S_IFDIR ? 'directory' : 'file';
}

function open(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) =>
      error || !zip ? reject(new ArchiveError(`not a valid zip: ${error?.message ?? 'unreadable'}`)) : resolve(zip),
    ),
  );
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(new ArchiveError(`unreadable entry ${entry.fileName}`)) : resolve(stream))),
  );
}

/**
 * Unpacks a zip into `destination`, checking every entry before it is written: paths stay inside,
 * no links or special files, at most `maxEntries`, `maxTotalBytes` in all and `maxRatio` per entry;
 * sizes are counted as the bytes arrive, so an entry that lies about its size is caught too.
 * Returns the relative paths of the files written.
 */
export async function extractZip(zipPath: string, destination: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<string[]> {
  const zip = await open(zipPath);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ArchiveError(`too many entries (${zip.entryCount}; at most ${limits.maxEntries})`);
  }
  const written: string[] = [];
  let total = 0;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      zip.close();
      reject(error instanceof ArchiveError ? error : new ArchiveError(`bad archive: ${(error as Error).message}`));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve(written));
    zip.on('entry', (entry: yauzl.Entry) => {
      (async () => {
        const relative = safeEntryPath(entry.fileName);
        const kind = entryKind(entry);
        const target = join(destination, relative);
        if (kind === 'directory' || relative === '') {
          await mkdir(target, { recursive: true });
          return;
        }
        if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > limits.maxRatio) {
          throw new ArchiveError(`entry ${entry.fileName} expands more than ${limits.maxRatio} times (zip bomb?)`);
        }
        if (total + entry.uncompressedSize > limits.maxTotalBytes) throw new ArchiveError(`archive unpacks to more than ${limits.maxTotalBytes} bytes`);
        await mkdir(dirname(target), { recursive: true });
        const meter = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            total += chunk.length;
            if (total > limits.maxTotalBytes) callback(new ArchiveError(`archive unpacks to more than ${limits.maxTotalBytes} bytes`));
            else callback(null, chunk);
          },
        });
        await pipeline(await openEntry(zip, entry), meter, createWriteStream(target, { flags: 'wx', mode: 0o644 }));
        written.push(relative);
      })().then(() => zip.readEntry(), fail);
    });
    zip.readEntry();
  });
}
