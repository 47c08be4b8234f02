import { ArenaError, ErrorKind } from '@arena/common';
import { Readable } from 'stream';
import * as yauzl from 'yauzl';
import { crc32 } from 'zlib';

/** Bounds on an untrusted archive; every one is checked from the central directory before any byte is inflated. */
export interface ZipLimits {
  /** Entries (files and folders) in the central directory. */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes (reads enforce the declared sizes). */
  maxTotalBytes: number;
  /** Largest uncompressed / compressed size of one entry. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 1000, maxTotalBytes: 100 * 1024 * 1024, maxRatio: 100 };

/** An archive that is not a zip, or one we refuse to read; a 400 naming the entry. */
export class ZipArchiveError extends ArenaError {
  constructor(message: string) {
    super(ErrorKind.Invalid, 'bad-archive', message);
  }
}

/** A regular file of the archive, by its canonical path (`folder/file`). */
export interface ZipFileInfo {
  path: string;
  size: number;
  compressedSize: number;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const STORED = 0;
const DEFLATED = 8;

// Control characters, and `:` (drive letters, NTFS streams), have no place in an entry name.
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f:]/;

/** Why an entry name is unsafe or not canonical, or null when it is fine. Folder names end with `/`. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0 || name.length > 1024) return 'has an empty or overlong name';
  if (name.includes('\\')) return 'has a backslash in its name';
  if (FORBIDDEN_CHARS.test(name)) return 'has a control character or a colon in its name';
  if (name.startsWith('/')) return 'is an absolute path';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.includes('..')) return 'leaves the archive folder (..)';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'has an empty or "." path segment';
  return null;
}

const fail = (message: string) => new ZipArchiveError(message);

function openZip(source: string | Buffer): Promise<yauzl.ZipFile> {
  const options: yauzl.Options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true, strictFileNames: false };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: yauzl.ZipFile) => {
      if (error || !zip) reject(fail(`not a readable zip archive: ${error?.message ?? 'unknown error'}`));
      else resolve(zip);
    };
    if (typeof source === 'string') yauzl.open(source, options, done);
    else yauzl.fromBuffer(source, options, done);
  });
}

/**
 * A zip archive read from untrusted hands: the central directory is checked whole when it opens (entry count,
 * names, symlinks and other special files, encryption, compression method, per-entry ratio, total size), and
 * each read is held to the declared size and CRC. Nothing is ever extracted to a path taken from the archive.
 */
export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {
    // Read errors surface on the entry streams; an 'error' on the archive itself must never go unheard.
    zip.on('error', () => undefined);
  }

  /** Opens a zip file (a path) or buffer; throws ZipArchiveError on anything unsafe. Close it when done. */
  static async open(source: string | Buffer, limits: Partial<ZipLimits> = {}): Promise<ZipArchive> {
    const bounds = { ...DEFAULT_ZIP_LIMITS, ...limits };
    const zip = await openZip(source);
    try {
      if (zip.entryCount > bounds.maxEntries) throw fail(`the archive has ${zip.entryCount} entries, more than ${bounds.maxEntries}`);
      const entries = await ZipArchive.scan(zip, bounds);
      return new ZipArchive(zip, entries);
    } catch (error) {
      zip.close();
      throw error instanceof ZipArchiveError ? error : fail(`not a readable zip archive: ${(error as Error).message}`);
    }
  }

  private static scan(zip: yauzl.ZipFile, bounds: ZipLimits): Promise<Map<string, yauzl.Entry>> {
    const files = new Map<string, yauzl.Entry>();
    const folders = new Set<string>();
    let count = 0;
    let total = 0;
    return new Promise((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        try {
          count += 1;
          if (count > bounds.maxEntries) throw fail(`the archive has more than ${bounds.maxEntries} entries`);
          const name = entry.fileName;
          const unsafe = unsafeEntryName(name);
          if (unsafe) throw fail(`entry ${JSON.stringify(name)} ${unsafe}`);
          const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
          if (mode === S_IFLNK) throw fail(`entry ${name} is a symbolic link`);
          if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) throw fail(`entry ${name} is not a regular file`);
          if (entry.isEncrypted()) throw fail(`entry ${name} is encrypted`);
          if (name.endsWith('/') || mode === S_IFDIR) {
            if (entry.uncompressedSize !== 0) throw fail(`folder entry ${name} has content`);
            folders.add(name.replace(/\/$/, ''));
          } else {
            if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
              throw fail(`entry ${name} uses an unsupported compression method (${entry.compressionMethod})`);
            }
            if (entry.uncompressedSize > bounds.maxRatio * entry.compressedSize) {
              throw fail(`entry ${name} has a compression ratio above ${bounds.maxRatio}`);
            }
            total += entry.uncompressedSize;
            if (total > bounds.maxTotalBytes) throw fail(`the archive holds more than ${bounds.maxTotalBytes} bytes uncompressed`);
            if (files.has(name)) throw fail(`entry ${name} appears twice`);
            files.set(name, entry);
          }
          zip.readEntry();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      zip.once('end', () => {
        const clash = [...files.keys()].find((path) => folders.has(path));
        if (clash) reject(fail(`entry ${clash} is both a file and a folder`));
        else resolve(files);
      });
      zip.once('error', (error: Error) => reject(fail(`not a readable zip archive: ${error.message}`)));
      zip.readEntry();
    });
  }

  /** The regular files, in archive order. */
  get files(): ZipFileInfo[] {
    return [...this.entries.values()].map((entry) => ({ path: entry.fileName, size: entry.uncompressedSize, compressedSize: entry.compressedSize }));
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  sizeOf(path: string): number | undefined {
    return this.entries.get(path)?.uncompressedSize;
  }

  /** One file as a stream that errors (ZipArchiveError) when the data is longer or shorter than declared, or its CRC is wrong. */
  async stream(path: string): Promise<Readable> {
    const entry = this.entries.get(path);
    if (!entry) throw fail(`${path} is not in the archive`);
    const raw = await new Promise<Readable>((resolve, reject) => {
      this.zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(fail(`${path}: ${error?.message ?? 'unreadable'}`)) : resolve(stream)));
    });
    const declared = entry.uncompressedSize;
    const wrap = (error: Error) => (error instanceof ZipArchiveError ? error : fail(`${path}: ${error.message}`));
    let seen = 0;
    let crc = 0;
    let started = false;
    let early: ZipArchiveError | null = null;
    // Nothing flows (and no error is emitted) until the consumer reads: a caller may await something else first.
    const out = new Readable({
      read() {
        if (started) {
          raw.resume();
          return;
        }
        started = true;
        if (early) {
          out.destroy(early);
          return;
        }
        raw.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > declared) {
            out.destroy(fail(`${path} is longer than its declared ${declared} bytes`));
            return;
          }
          crc = crc32(chunk, crc);
          if (!out.push(chunk)) raw.pause();
        });
        raw.on('end', () => {
          if (seen !== declared) out.destroy(fail(`${path} is shorter than its declared ${declared} bytes`));
          else if (crc >>> 0 !== entry.crc32 >>> 0) out.destroy(fail(`${path} fails its CRC-32 check`));
          else out.push(null);
        });
      },
      destroy(error, callback) {
        raw.destroy();
        callback(error);
      },
    });
    raw.on('error', (error: Error) => {
      if (started) out.destroy(wrap(error));
      else early ??= wrap(error);
    });
    return out;
  }

  /** One file in memory; ZipArchiveError when it is declared larger than `maxBytes`. */
  async read(path: string, maxBytes: number): Promise<Buffer> {
    const size = this.sizeOf(path);
    if (size === undefined) throw fail(`${path} is not in the archive`);
    if (size > maxBytes) throw fail(`${path} is larger than ${maxBytes} bytes`);
    const chunks: Buffer[] = [];
    for await (const chunk of await this.stream(path)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  close(): void {
    this.zip.close();
  }
}
