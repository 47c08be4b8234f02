import { Module } from '@nestjs/common';
import { BlobStore } from './blobs/blob-store';
import { LocalBlobStore } from './blobs/local-blob-store';

/** The blob store (local files under BLOB_DIR). */
@Module({
  providers: [{ provide: BlobStore, useClass: LocalBlobStore }],
  exports: [BlobStore],
})
export class BlobsModule {}
