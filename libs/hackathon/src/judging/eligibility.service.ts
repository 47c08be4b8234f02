import { EventEntity } from '@arena/registration';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProjectsRepository } from '../projects/projects.repository';
import { HackathonSettingsEntity } from '../settings/entities/hackathon-settings.entity';
import { EligibilityFacts } from './eligibility';
import { JudgesRepository } from './judges.repository';

/** Loads what decides who may judge what (see `eligibility`). */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly judges: JudgesRepository,
    private readonly projects: ProjectsRepository,
  ) {}

  async load(manager: EntityManager, event: EventEntity, settings: HackathonSettingsEntity): Promise<EligibilityFacts> {
    const judges = await this.judges.judges(event.id, manager);
    const conflicts = await this.judges.conflicts(event.id, undefined, manager);
    const memberships = await this.judges.memberships(event.id, manager);
    const judgeTracks = await this.judges.judgeTracks(event.id, manager);
    const projects = await this.projects.findJudged(event.id);
    return { settings, judges, conflicts, memberships, judgeTracks, projects };
  }
}
