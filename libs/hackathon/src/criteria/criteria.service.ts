import { AuthContext } from '@arena/common';
import { Injectable, Logger } from '@nestjs/common';
import { HackathonAccessService } from '../hackathon-access.service';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';
import { SettingsLock, SettingsRepository } from '../settings/settings.repository';
import { CriteriaRepository } from './criteria.repository';
import { CreateCriterionDto, CriterionDto } from './dto/criterion.dto';

@Injectable()
export class CriteriaService {
  private readonly logger = new Logger(CriteriaService.name);

  constructor(
    private readonly access: HackathonAccessService,
    private readonly criteria: CriteriaRepository,
    private readonly settings: SettingsRepository,
  ) {}

  async create(auth: AuthContext, slug: string, dto: CreateCriterionDto): Promise<CriterionDto> {
    const { event } = await this.access.organiserView(auth, slug);
    if (dto.max <= dto.min) throw new HackathonError(HackathonErrorCode.InvalidCriterion, 'max must be greater than min');
    const saved = await this.settings.withLock(event.id, 'write', async (lock) => {
      await this.assertNotStarted(lock);
      return this.criteria.insert(lock.manager, {
        eventId: event.id,
        name: dto.name,
        description: dto.description ?? '',
        weight: dto.weight,
        min: dto.min,
        max: dto.max,
      });
    });
    if (!saved) throw new HackathonError(HackathonErrorCode.CriterionNameTaken, `a criterion named ${dto.name} exists`);
    this.logger.log(`criterion ${saved.id} added to event ${event.id} by user ${auth.userId}`);
    return CriterionDto.from(saved);
  }

  /** Judges, organisers and participants may read the rubric. */
  async list(slug: string): Promise<CriterionDto[]> {
    const event = await this.access.hackathonEvent(slug);
    return (await this.criteria.forEvent(event.id)).map(CriterionDto.from);
  }

  async remove(auth: AuthContext, slug: string, id: string): Promise<void> {
    const { event } = await this.access.organiserView(auth, slug);
    const removed = await this.settings.withLock(event.id, 'write', async (lock) => {
      await this.assertNotStarted(lock);
      return this.criteria.remove(lock.manager, event.id, id);
    });
    if (!removed) throw new HackathonError(HackathonErrorCode.CriterionNotFound, `criterion ${id} not found`);
    this.logger.log(`criterion ${id} removed from event ${event.id} by user ${auth.userId}`);
  }

  // Every score set covers every criterion: the rubric is fixed once a judge has scored.
  private async assertNotStarted({ manager, settings }: SettingsLock): Promise<void> {
    if (await this.settings.hasJudgingData(manager, settings.eventId)) {
      throw new HackathonError(HackathonErrorCode.JudgingStarted, 'judges have already scored: the criteria are fixed');
    }
  }
}
