import { AppConfig } from '@arena/config';
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'crypto';
import { createReadStream, createWriteStream } from 'fs';
import { mkdir, rename, rm } from 'fs/promises';
import { join, resolve } from 'path';
import { Readable, Transform } from 'stream';
import { pipeline } from 'stream/promises';
import { SubmissionsError, SubmissionsErrorCode } from '../submissions.errors';
import { BlobStore, StoredBlob } from './blob-store';

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/** Blobs as files under BLOB_DIR: `<first two hex of sha256>/<uuid>`. */
@Injectable()
export class LocalBlobStore extends BlobStore {
  private readonly root: string;

  constructor(config: AppConfig) {
    super();
    this.root = resolve(config.BLOB_DIR);
  }

  async put(source: Readable, maxBytes: number): Promise<StoredBlob> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) {
          callback(new SubmissionsError(SubmissionsErrorCode.TooLarge, `file is larger than ${maxBytes} bytes`));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tmp, { mode: 0o640 }));
    } catch (error) {
      await rm(tmp, { force: true });
      // Drain what the client still sends so the 413 reaches it.
      source.resume();
      throw error;
    }
    const sha256 = hash.digest('hex');
    const key = `${sha256.slice(0, 2)}/${randomUUID()}`;
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    await rename(tmp, join(this.root, key));
    return { key, size, sha256 };
  }

  open(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a blob key: ${key}`);
    return join(this.root, key);
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
