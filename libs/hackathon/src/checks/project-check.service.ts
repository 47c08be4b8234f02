import { AppConfig } from '@arena/config';
import { DEFAULT_LIMITS, SandboxRunner, SandboxVerdict } from '@arena/sandbox';
import { BlobStore, extractZip, ZipArchiveError } from '@arena/submissions';
import { Injectable, Logger } from '@nestjs/common';
import { chmod, mkdir, rm } from 'fs/promises';
import { join, resolve } from 'path';
import { ORGANISER_CHECK } from '../projects/project-archive.service';
import { ProjectsRepository } from '../projects/projects.repository';
import { SettingsRepository } from '../settings/settings.repository';

// A check command inspects files: a minute and half a gigabyte are plenty.
const CHECK_LIMITS = { ...DEFAULT_LIMITS, wallSeconds: 60, cpuSeconds: 30, memoryMb: 512, outputKeptBytes: 4096 };
const ARCHIVE_LIMITS = { maxEntries: 20_000, maxTotalBytes: 1024 * 1024 * 1024 };

/** Runs the organiser's check command on a project's archive in the sandbox; the result is one more (warning) check. */
@Injectable()
export class ProjectCheckService {
  private readonly logger = new Logger(ProjectCheckService.name);

  constructor(
    private readonly projects: ProjectsRepository,
    private readonly settings: SettingsRepository,
    private readonly blobs: BlobStore,
    private readonly sandbox: SandboxRunner,
    private readonly config: AppConfig,
  ) {}

  async check(projectId: string, blobKey: string): Promise<void> {
    const project = await this.projects.findById(projectId);
    if (!project || project.archive?.blobKey !== blobKey) return; // Replaced or gone since: nothing to say.
    const command = (await this.settings.find(project.eventId)).checkCommand;
    if (!command) return;
    const root = join(resolve(this.config.SANDBOX_DIR), `project-${projectId}`);
    try {
      await rm(root, { recursive: true, force: true });
      await mkdir(join(root, 'project'), { recursive: true });
      await chmod(resolve(this.config.SANDBOX_DIR), 0o755);
      await chmod(root, 0o755);
      try {
        await extractZip(this.blobs.pathOf(blobKey), join(root, 'project'), ARCHIVE_LIMITS);
      } catch (error) {
        if (!(error instanceof ZipArchiveError)) throw error;
        await this.projects.setCheck(projectId, blobKey, { name: ORGANISER_CHECK, status: 'failed', message: `the archive could not be unpacked: ${error.message}` });
        return;
      }
      const run = await this.sandbox.run({
        command: ['/bin/sh', '-c', command],
        cwd: '/project',
        mounts: [{ host: join(root, 'project'), target: '/project', writable: false }],
        limits: CHECK_LIMITS,
      });
      const output = `${run.stdout}${run.stderr}`.trim().slice(0, 2000);
      const passed = run.verdict === SandboxVerdict.Ok;
      await this.projects.setCheck(projectId, blobKey, {
        name: ORGANISER_CHECK,
        status: passed ? 'passed' : 'failed',
        message: passed ? output || 'the check command passed' : `${run.message}${output ? `: ${output}` : ''}`,
      });
      this.logger.log(`project ${projectId} organiser check ${passed ? 'passed' : 'failed'} (${run.verdict})`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
}
