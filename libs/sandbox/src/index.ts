export * from './cgroup-limits';
export * from './sandbox-runner';
export * from './sandbox.errors';
export * from './sandbox.module';
export * from './sandbox.types';
export * from './sandbox-runtimes';
export * from './sandbox-status.module';
export * from './sandbox-status.store';
