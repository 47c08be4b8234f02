import 'reflect-metadata';
import { AppConfig, loadConfig } from '@arena/config';
import cluster, { Worker } from 'node:cluster';
import { createApiApp } from './create-api-app';

// How long api processes get to stop through their shutdown hooks before they are killed.
const STOP_GRACE_MS = 10_000;

async function serve(): Promise<void> {
  const app = await createApiApp();
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
}

/**
 * API_WORKERS > 1: this process only runs the api processes (they share the port through node:cluster). One that
 * dies after it served is replaced; one that dies before it ever listened is broken (database, port), so all stop
 * with an error instead of restarting in a loop. SIGTERM/SIGINT stop them all, each through its shutdown hooks.
 */
function supervise(workers: number): void {
  let stopping = false;
  const running = new Set<Worker>();
  const listening = new WeakSet<Worker>();
  const stopAll = (exitCode: number) => {
    stopping = true;
    process.exitCode = exitCode;
    for (const worker of running) worker.process.kill('SIGTERM');
    if (running.size === 0) process.exit();
    // A process still booting can miss its shutdown hooks (seen on a loaded box): the stop does not wait for it forever.
    setTimeout(() => running.forEach((worker) => worker.process.kill('SIGKILL')), STOP_GRACE_MS).unref();
  };
  const start = () => {
    const worker = cluster.fork();
    running.add(worker);
    worker.once('listening', () => {
      listening.add(worker);
      console.log(`api process ${worker.process.pid} is listening`);
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    running.delete(worker);
    if (stopping) {
      if (running.size === 0) process.exit();
      return;
    }
    const served = listening.has(worker);
    console.error(`api process ${worker.process.pid} exited (${signal ?? code}) ${served ? 'and is replaced' : 'before it listened: stopping'}`);
    if (served) start();
    else stopAll(1);
  });
  for (const name of ['SIGINT', 'SIGTERM'] as const) process.on(name, () => stopAll(0));
  for (let index = 0; index < workers; index += 1) start();
}

async function main(): Promise<void> {
  const workers = loadConfig().API_WORKERS;
  if (workers > 1 && cluster.isPrimary) return supervise(workers);
  await serve();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
