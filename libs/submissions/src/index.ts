export * from './blobs.module';
export * from './blobs/blob-store';
export * from './blobs/multipart';
export * from './submissions-worker.module';
export * from './submissions.errors';
