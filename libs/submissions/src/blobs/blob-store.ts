import { Readable } from 'stream';

/** What the store kept: where, how big, and its SHA-256. */
export interface StoredBlob {
  key: string;
  size: number;
  sha256: string;
}

/** Where uploads live. Streams in and out: a file is never held whole in memory. */
export abstract class BlobStore {
  /** Stores the stream; rejects with a 413 error (and keeps nothing) past `maxBytes`. */
  abstract put(source: Readable, maxBytes: number): Promise<StoredBlob>;

  /** Reads a stored blob back. */
  abstract open(key: string): Readable;

  /** The blob as a local file path (for the sandbox and archive readers). */
  abstract pathOf(key: string): string;

  abstract remove(key: string): Promise<void>;
}
