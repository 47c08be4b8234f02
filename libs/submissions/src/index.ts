export * from './submissions-worker.module';
