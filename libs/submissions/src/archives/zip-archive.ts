import { createWriteStream } from 'fs';
import { mkdir } from 'fs/promises';
import { dirname, relative, resolve, sep } from 'path';
import { pipeline } from 'stream/promises';
import { ZipArchive, ZipLimits } from './zip-reader';

/**
 * Unpacks an untrusted zip into `destination` (a fresh folder): ZipArchive has already refused unsafe names,
 * links, special files, encryption, bombs and too many entries; each file is held to its declared size and CRC
 * while it is written, and never lands outside `destination` or over another file. Returns the paths written.
 */
export async function extractZip(zipPath: string, destination: string, limits: Partial<ZipLimits> = {}): Promise<string[]> {
  const archive = await ZipArchive.open(zipPath, limits);
  const root = resolve(destination);
  try {
    await mkdir(root, { recursive: true });
    const written: string[] = [];
    for (const file of archive.files) {
      const target = resolve(root, file.path);
      // ZipArchive already refused such names; this keeps the guarantee local to the write.
      if (relative(root, target).startsWith('..') || !target.startsWith(root + sep)) throw new Error(`unsafe path ${file.path}`);
      await mkdir(dirname(target), { recursive: true });
      await pipeline(await archive.stream(file.path), createWriteStream(target, { flags: 'wx', mode: 0o644 }));
      written.push(file.path);
    }
    return written;
  } finally {
    archive.close();
  }
}

/**
 * Reads every file of an untrusted zip through (nothing is written) under the limits extractZip applies:
 * an archive that passes would also unpack in the worker. Throws ZipArchiveError naming the problem.
 */
export async function assertExtractable(zipPath: string, limits: Partial<ZipLimits> = {}): Promise<void> {
  const archive = await ZipArchive.open(zipPath, limits);
  try {
    for (const file of archive.files) {
      for await (const chunk of await archive.stream(file.path)) void chunk;
    }
  } finally {
    archive.close();
  }
}
