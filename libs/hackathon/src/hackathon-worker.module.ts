import { JobsModule } from '@arena/jobs';
import { SandboxModule } from '@arena/sandbox';
import { BlobsModule } from '@arena/submissions';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectCheckService } from './checks/project-check.service';
import { ProjectChecksProcessor } from './checks/project-checks.processor';
import { ProjectEntity } from './projects/entities/project.entity';
import { ProjectsRepository } from './projects/projects.repository';
import { HackathonSettingsEntity } from './settings/entities/hackathon-settings.entity';
import { SettingsRepository } from './settings/settings.repository';

/** The worker side of hackathons: sandboxed checks of project archives; only apps/worker imports it. */
@Module({
  imports: [TypeOrmModule.forFeature([ProjectEntity, HackathonSettingsEntity]), JobsModule, BlobsModule, SandboxModule],
  providers: [ProjectChecksProcessor, ProjectCheckService, ProjectsRepository, SettingsRepository],
})
export class HackathonWorkerModule {}
