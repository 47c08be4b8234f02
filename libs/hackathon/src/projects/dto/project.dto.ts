import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProjectEntity } from '../entities/project.entity';
import { ArchiveCheck } from '../project-archive';

class ArchiveDto {
  @ApiProperty()
  name: string;
  @ApiProperty()
  size: number;
  @ApiProperty()
  sha256: string;
  @ApiProperty()
  uploadedAt: string;
  @ApiProperty()
  url: string;
}

class ArchiveCheckDto {
  @ApiProperty()
  name: string;
  @ApiProperty({ enum: ['passed', 'failed', 'pending'], description: "pending: the organiser's command has not run yet" })
  status: 'passed' | 'failed' | 'pending';
  @ApiProperty()
  message: string;
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiProperty()
  teamName: string;
  @ApiProperty()
  title: string;
  @ApiProperty()
  summary: string;
  @ApiProperty({ description: 'Markdown' })
  description: string;
  @ApiProperty()
  repoUrl: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  videoUrl: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the first of tracks' })
  track: string | null;
  @ApiProperty({ type: [String] })
  tracks: string[];
  @ApiProperty()
  version: number;
  @ApiPropertyOptional({ type: ArchiveDto, nullable: true })
  archive: ArchiveDto | null;
  @ApiPropertyOptional({ type: [ArchiveCheckDto], description: 'the team, judges and organisers only' })
  checks?: ArchiveCheck[];
  @ApiProperty()
  submittedAt: string;
  @ApiProperty()
  updatedAt: string;

  static from(project: ProjectEntity, slug: string, withChecks: boolean): ProjectDto {
    const archive = project.archive;
    return {
      id: project.id,
      teamId: project.teamId,
      teamName: project.team?.name ?? '',
      title: project.title,
      summary: project.summary,
      description: project.description,
      repoUrl: project.repoUrl,
      videoUrl: project.videoUrl,
      track: project.tracks[0] ?? null,
      tracks: project.tracks,
      version: project.version,
      archive: archive
        ? {
            name: archive.name,
            size: archive.size,
            sha256: archive.sha256,
            uploadedAt: archive.uploadedAt,
            url: `/api/v1/events/${slug}/projects/${project.id}/archive`,
          }
        : null,
      ...(withChecks ? { checks: project.checks } : {}),
      submittedAt: project.createdAt.toISOString(),
      updatedAt: project.updatedAt.toISOString(),
    };
  }
}

export class ProjectVersionDto {
  @ApiProperty()
  version: number;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  editedBy: string | null;
  @ApiProperty()
  createdAt: string;
  @ApiProperty({ description: 'title, summary, description, repoUrl, videoUrl, tracks, archive' })
  snapshot: Record<string, unknown>;
}
