import { AppConfig } from '@arena/config';
import { SandboxRunner, SandboxVerdict } from '@arena/sandbox';
import { BlobStore, extractZip } from '@arena/submissions';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { chmod, mkdir, readdir, rename, rm, stat, writeFile } from 'fs/promises';
import { join, resolve } from 'path';
import { AdServiceEntity } from '../entities/ad-service.entity';
import { CHECKER_ZIP_LIMITS } from '../services/ad-services.service';
import { CheckAction, CheckStatus, statusOfRun } from './check-status';
import { CheckerRelay, RELAY_PY } from './checker-relay';

/** One checker run's result: the status, the public message (stdout) and what organisers see. */
export interface CheckerRun {
  status: CheckStatus;
  stdout: string;
  output: string;
  durationMs: number;
}

// Loopback hosts keep their address inside the checker's namespace; any other host is shown to the checker as this.
const ALIAS_HOST = '127.0.100.1';
const KEPT_BYTES = 16 * 1024;

/** Runs ForcAD checkers in the sandbox: archive folder as working directory and PYTHONPATH, scratch /tmp, no secrets. */
@Injectable()
export class CheckerRunner {
  private readonly extracting = new Map<string, Promise<string>>();

  constructor(
    private readonly sandbox: SandboxRunner,
    private readonly blobs: BlobStore,
    private readonly config: AppConfig,
  ) {}

  /** The host argument the checker gets for a vulnbox (an alias on loopback in relay mode). */
  checkerHost(host: string): string {
    if (!this.relayed()) return host;
    return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ? host : ALIAS_HOST;
  }

  async run(service: AdServiceEntity, host: string, action: CheckAction, args: string[]): Promise<CheckerRun> {
    const folder = await this.checkerFolder(service);
    const runDir = join(resolve(this.config.SANDBOX_DIR), 'ad-runs', randomUUID());
    await mkdir(runDir, { recursive: true, mode: 0o755 });
    // The sandbox's uid must reach the relay's folder.
    for (const dir of [resolve(this.config.SANDBOX_DIR), join(runDir, '..'), runDir]) await chmod(dir, 0o755);
    let relay: CheckerRelay | null = null;
    try {
      const argv = [...service.checkerCommand.trim().split(/\s+/), action, this.checkerHost(host), ...args];
      let command = argv;
      if (this.relayed()) {
        await writeFile(join(runDir, 'relay.py'), RELAY_PY, { mode: 0o644 });
        relay = await CheckerRelay.open(join(runDir, 'relay.sock'), { host, port: service.port }, service.checkerTimeoutSeconds * 1000);
        command = ['python3', '/arena/relay.py', '/arena/relay.sock', this.checkerHost(host), String(service.port), '--', ...argv];
      }
      const timeout = service.checkerTimeoutSeconds;
      const result = await this.sandbox.run({
        command,
        cwd: '/checker',
        mounts: [
          { host: folder, target: '/checker', writable: false },
          { host: runDir, target: '/arena', writable: false },
        ],
        limits: { wallSeconds: timeout, cpuSeconds: timeout, memoryMb: 512, processes: 64, writeMb: 16, outputKeptBytes: KEPT_BYTES },
        env: { PYTHONPATH: '/checker', PYTHONUNBUFFERED: '1' },
        network: this.config.AD_CHECKER_NETWORK === 'host' ? 'host' : 'none',
      });
      const timedOut = result.verdict === SandboxVerdict.TimeLimit && result.limit === 'wallSeconds';
      const status = result.verdict === SandboxVerdict.SystemError ? CheckStatus.CheckFailed : statusOfRun(result.exitCode, timedOut);
      const how = status === CheckStatus.CheckFailed || timedOut ? `${result.verdict}: ${result.message}` : `exit code ${result.exitCode}`;
      const output = [how, result.stderr].filter(Boolean).join('\n');
      return { status, stdout: result.stdout, output, durationMs: result.wallMs };
    } finally {
      await relay?.close();
      await rm(runDir, { recursive: true, force: true });
    }
  }

  private relayed(): boolean {
    return this.config.AD_CHECKER_NETWORK === 'relay' && this.config.SANDBOX_MODE === 'bwrap';
  }

  /** The service's checker, unpacked once per worker (a new service has a new id, so a folder never goes stale). */
  private checkerFolder(service: AdServiceEntity): Promise<string> {
    const target = join(resolve(this.config.SANDBOX_DIR), 'ad-checkers', service.id);
    let pending = this.extracting.get(target);
    if (!pending) {
      pending = this.extract(service, target).finally(() => this.extracting.delete(target));
      this.extracting.set(target, pending);
    }
    return pending;
  }

  private async extract(service: AdServiceEntity, target: string): Promise<string> {
    if (
      await stat(target).then(
        () => true,
        () => false,
      )
    )
      return target;
    const staging = `${target}.${randomUUID()}`;
    try {
      await extractZip(this.blobs.pathOf(service.checkerBlobKey), staging, CHECKER_ZIP_LIMITS);
      await openUp(staging);
      await chmod(join(target, '..'), 0o755).catch(() => undefined);
      await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
        // Another worker on this machine unpacked it first.
        if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      });
      return target;
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
}

/** Readable (and runnable: `./checker.py`) by the sandbox's uid, never writable by it. */
async function openUp(folder: string): Promise<void> {
  await chmod(folder, 0o755);
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await openUp(path);
    else await chmod(path, 0o755);
  }
}
