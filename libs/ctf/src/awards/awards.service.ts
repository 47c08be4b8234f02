import { ChangeScope, LeaderboardNotifier } from '@arena/jobs';
import { AuthContext, Page } from '@arena/common';
import { Injectable, Logger } from '@nestjs/common';
import { CtfAccessService } from '../ctf-access.service';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { AwardKind } from './award-kind.enum';
import { AwardsRepository } from './awards.repository';
import { AwardDto, CreateAwardDto } from './dto/award.dto';
import { AwardEntity } from './entities/award.entity';

const toDto = (award: AwardEntity): AwardDto => ({
  id: award.id,
  teamId: award.teamId,
  value: award.value,
  reason: award.reason,
  kind: award.kind,
  createdAt: award.createdAt.toISOString(),
});

/** Organisers grant or take points with a reason; they count in standings like solves. */
@Injectable()
export class AwardsService {
  private readonly logger = new Logger(AwardsService.name);

  constructor(
    private readonly awards: AwardsRepository,
    private readonly access: CtfAccessService,
    private readonly leaderboards: LeaderboardNotifier,
  ) {}

  async create(auth: AuthContext, slug: string, dto: CreateAwardDto): Promise<AwardDto> {
    const event = await this.access.organiserView(auth, slug);
    if (!(await this.awards.teamInEvent(event.id, dto.teamId))) throw new CtfError(CtfErrorCode.TeamNotFound, `team ${dto.teamId} not found`);
    const award = await this.awards.insert({ eventId: event.id, teamId: dto.teamId, value: dto.value, reason: dto.reason, kind: AwardKind.Manual, createdBy: auth.userId });
    this.logger.log(`award ${award.id} of ${award.value} to team ${award.teamId} by user ${auth.userId}`);
    await this.leaderboards.changed(event.id, ChangeScope.Scores);
    return toDto(award);
  }

  async list(auth: AuthContext, slug: string, limit: number, offset: number): Promise<Page<AwardDto>> {
    const event = await this.access.organiserView(auth, slug);
    const page = await this.awards.findPage(event.id, limit, offset);
    return { items: page.items.map(toDto), total: page.total };
  }

  async remove(auth: AuthContext, slug: string, id: string): Promise<void> {
    const event = await this.access.organiserView(auth, slug);
    if (!(await this.awards.remove(event.id, id))) throw new CtfError(CtfErrorCode.AwardNotFound, `award ${id} not found`);
    await this.leaderboards.changed(event.id, ChangeScope.Scores);
  }
}
