import { AuthContext } from '@arena/common';
import { AppConfig } from '@arena/config';
import { BlobStore, readMultipart, UploadedFile, ZipArchive } from '@arena/submissions';
import { jobIds, JobPayloads, ProjectChecksJob, QueueName } from '@arena/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { FastifyRequest } from 'fastify';
import { basename } from 'path';
import { Readable } from 'stream';
import { HackathonAccessService } from '../hackathon-access.service';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';
import { HackathonSettingsEntity } from '../settings/entities/hackathon-settings.entity';
import { requiredFileChecks, sizeCheck } from './archive-checks';
import { ProjectDto } from './dto/project.dto';
import { ArchiveCheck } from './project-archive';
import { canSee, ProjectsService } from './projects.service';
import { ProjectsRepository } from './projects.repository';

// Source trees hold many files; the other archive rules (names, links, ratio) are the shared reader's defaults.
const ARCHIVE_LIMITS = { maxEntries: 20_000, maxTotalBytes: 1024 * 1024 * 1024 };

/** The name of the check the worker fills in by running the organiser's command in the sandbox. */
export const ORGANISER_CHECK = 'organiser-check';

function checksFor(files: string[], size: number, settings: HackathonSettingsEntity): ArchiveCheck[] {
  const bySize = sizeCheck(size, settings.maxArchiveBytes);
  const command: ArchiveCheck[] = settings.checkCommand ? [{ name: ORGANISER_CHECK, status: 'pending', message: 'queued for the sandbox' }] : [];
  return [...requiredFileChecks(files, settings.requiredFiles), ...(bySize ? [bySize] : []), ...command];
}

/** The optional source archive of a project: upload with its automated checks, and download. */
@Injectable()
export class ProjectArchiveService {
  private readonly logger = new Logger(ProjectArchiveService.name);

  constructor(
    private readonly access: HackathonAccessService,
    private readonly projects: ProjectsRepository,
    private readonly projectRules: ProjectsService,
    private readonly blobs: BlobStore,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.ProjectChecks) private readonly checks: Queue<JobPayloads[QueueName.ProjectChecks][ProjectChecksJob]>,
  ) {}

  async upload(auth: AuthContext, slug: string, id: string, request: FastifyRequest): Promise<ProjectDto> {
    const view = await this.access.view(auth, slug);
    await this.projectRules.ownProject(view, id);
    this.access.assertSubmissionsOpen(view);
    const { files } = await readMultipart(request, this.blobs, { fileFields: ['file'], maxFileBytes: this.config.MAX_ATTACHMENT_BYTES });
    const upload = files[0];
    if (!upload) throw new HackathonError(HackathonErrorCode.BadArchive, 'file: no archive was sent');
    const previous: { blobKey: string | null } = { blobKey: null };
    let saved;
    try {
      const checks = checksFor(await this.inspect(upload), upload.size, view.settings);
      saved = await this.projects.update(view.event.id, id, auth.userId, (project) => {
        previous.blobKey = project.archive?.blobKey ?? null;
        project.archive = {
          blobKey: upload.key,
          name: basename(upload.filename.replace(/\\/g, '/')).slice(0, 255) || 'project.zip',
          size: upload.size,
          sha256: upload.sha256,
          uploadedAt: new Date().toISOString(),
        };
        project.checks = checks;
      });
      if (!saved) throw new HackathonError(HackathonErrorCode.ProjectNotFound, `project ${id} not found`);
    } catch (error) {
      await this.blobs.remove(upload.key);
      throw error;
    }
    if (previous.blobKey) await this.blobs.remove(previous.blobKey);
    if (view.settings.checkCommand) {
      await this.checks.add(ProjectChecksJob.Check, { projectId: id, blobKey: upload.key }, { jobId: jobIds.projectCheck(id, upload.key) });
    }
    const failed = saved.checks.filter((check) => check.status === 'failed').length;
    this.logger.log(`project ${id} archive uploaded (${upload.size} bytes, ${failed} of ${saved.checks.length} checks failed) by user ${auth.userId}`);
    return ProjectDto.from(saved, slug, true);
  }

  /** The archive, for the team, judges and organisers. */
  async open(auth: AuthContext, slug: string, id: string): Promise<{ name: string; size: number; stream: Readable }> {
    const view = await this.access.view(auth, slug);
    const project = await this.projects.findInEvent(view.event.id, id);
    if (!project || !canSee(view, project)) throw new HackathonError(HackathonErrorCode.ProjectNotFound, `project ${id} not found`);
    const allowed = view.organiser || view.judge || view.team?.id === project.teamId;
    if (!allowed || !project.archive) throw new HackathonError(HackathonErrorCode.ArchiveNotFound, `project ${id} has no archive you may download`);
    return { name: project.archive.name, size: project.archive.size, stream: this.blobs.open(project.archive.blobKey) };
  }

  /** The archive's file names, read from its central directory by the shared hardened reader (unsafe archives are a 400). */
  private async inspect(upload: UploadedFile): Promise<string[]> {
    const archive = await ZipArchive.open(this.blobs.pathOf(upload.key), ARCHIVE_LIMITS);
    try {
      return archive.files.map((file) => file.path);
    } finally {
      archive.close();
    }
  }
}
