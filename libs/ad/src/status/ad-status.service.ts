import { AuthContext } from '@arena/common';
import { EventEntity } from '@arena/registration';
import { Injectable } from '@nestjs/common';
import { AdAccessService } from '../ad-access.service';
import { AdError, AdErrorCode } from '../ad.errors';
import { AdCheckDto, AdStatusDto, AttackInfoDto, AttackInfoTeamDto } from '../dto/ad-status.dto';
import { oldestLiveTick, tickAt } from '../game-clock';
import { AdStandingsRepository } from './ad-standings.repository';
import { AdStandingsService } from './ad-standings.service';

/** From freezeAt on, until organisers reveal the standings after the event. */
export const isFrozen = (event: EventEntity, now = new Date()) => event.freezeAt !== null && now >= event.freezeAt && event.revealedAt === null;

/** The game's status board, attack info and (organisers) checker runs. */
@Injectable()
export class AdStatusService {
  constructor(
    private readonly access: AdAccessService,
    private readonly standings: AdStandingsService,
    private readonly repository: AdStandingsRepository,
  ) {}

  /** Organisers see live standings with every team; others, while frozen, as at freezeAt and without hidden or banned teams. */
  async status(auth: AuthContext | undefined, slug: string): Promise<AdStatusDto> {
    const event = await this.access.event(slug);
    if (!(await this.access.canSeeBoards(auth, event))) throw new AdError(AdErrorCode.BoardHidden, `no board for event ${slug}`);
    const organiser = await this.access.isOrganiser(auth, event);
    const frozen = isFrozen(event);
    const { tick, rows } = await this.standings.compute(event, frozen && !organiser ? event.freezeAt : null);
    const shown = organiser ? rows : rows.filter((row) => !row.hidden && !row.banned);
    return { tick, frozen, rows: shown.map(({ hidden, banned, ...row }) => (void hidden, void banned, row)) };
  }

  /** Per team and service, the public flag ids of the ticks whose flags are still valid; for teams and organisers. */
  async attackInfo(auth: AuthContext, slug: string): Promise<AttackInfoDto> {
    const event = await this.access.event(slug);
    if (!(await this.access.isOrganiser(auth, event))) await this.access.team(auth, event);
    const tick = tickAt(event);
    const teams = new Map<string, AttackInfoTeamDto>();
    for (const row of await this.repository.liveFlagIds(event.id, oldestLiveTick(event, tick))) {
      const team = teams.get(row.teamId) ?? { teamId: row.teamId, teamName: row.teamName, host: row.host, services: [] };
      teams.set(row.teamId, team);
      let service = team.services.find((entry) => entry.name === row.service);
      if (!service) team.services.push((service = { name: row.service, flagIds: [] }));
      service.flagIds.push({ tick: row.tick, vuln: row.vuln, flagId: row.flagId });
    }
    return { tick, teams: [...teams.values()] };
  }

  async checks(auth: AuthContext, slug: string, filter: { tick?: number; teamId?: string; limit: number; offset: number }): Promise<AdCheckDto[]> {
    const event = await this.access.organiserEvent(auth, slug);
    const rows = await this.repository.checks(event.id, filter, filter.limit, filter.offset);
    return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }));
  }
}
