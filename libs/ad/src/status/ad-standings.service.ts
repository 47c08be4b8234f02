import { EventEntity } from '@arena/registration';
import { Injectable } from '@nestjs/common';
import { AdStatusRowDto } from '../dto/ad-status.dto';
import { AdGameRepository } from '../ticks/ad-game.repository';
import { AdVulnboxesRepository } from '../vulnboxes/ad-vulnboxes.repository';
import { AdStandingsRepository } from './ad-standings.repository';

/** A status row with what boards need to leave teams out. */
export interface AdStandingRow extends AdStatusRowDto {
  hidden: boolean;
  banned: boolean;
}

/**
 * FAUST scoring per service, summed: attack, defence, and SLA = (OK + ½ RECOVERING ticks) · √(active teams), where a
 * CHECK_FAILED tick counts as OK (the organisers' fault never costs the team) and active teams are the teams with a
 * vulnbox that are not banned. Ordered by total, then name.
 */
@Injectable()
export class AdStandingsService {
  constructor(
    private readonly standings: AdStandingsRepository,
    private readonly vulnboxes: AdVulnboxesRepository,
    private readonly game: AdGameRepository,
  ) {}

  async compute(event: EventEntity, cutoff: Date | null): Promise<{ tick: number; rows: AdStandingRow[] }> {
    const [teams, services, points, states, tick] = await Promise.all([
      this.vulnboxes.gameTeams(event.id),
      this.game.services(event.id),
      this.standings.points(event.id, cutoff),
      this.standings.lastStates(event.id, cutoff),
      this.standings.lastTick(event.id, cutoff),
    ]);
    const active = teams.filter((team) => !team.banned).length;
    const slaFactor = Math.sqrt(active);
    const key = (teamId: string, serviceId: string) => `${teamId}:${serviceId}`;
    const sums = new Map<string, { attack: number; defence: number; sla: number }>();
    for (const row of points) {
      const entry = sums.get(key(row.teamId, row.serviceId)) ?? { attack: 0, defence: 0, sla: 0 };
      entry[row.kind] += row.kind === 'sla' ? row.value * slaFactor : row.value;
      sums.set(key(row.teamId, row.serviceId), entry);
    }
    const last = new Map(states.map((state) => [key(state.teamId, state.serviceId), state]));
    const rows = teams.map((team): AdStandingRow => {
      const perService = services.map((service) => {
        const sum = sums.get(key(team.teamId, service.id)) ?? { attack: 0, defence: 0, sla: 0 };
        const state = last.get(key(team.teamId, service.id));
        return { name: service.name, status: state?.status ?? null, message: state?.message ?? '', tick: state?.tick ?? 0, ...sum };
      });
      const total = (pick: 'attack' | 'defence' | 'sla') => perService.reduce((acc, service) => acc + service[pick], 0);
      const [attack, defence, sla] = [total('attack'), total('defence'), total('sla')];
      return { teamId: team.teamId, teamName: team.teamName, hidden: team.hidden, banned: team.banned, attack, defence, sla, total: attack + defence + sla, services: perService };
    });
    rows.sort((a, b) => b.total - a.total || a.teamName.localeCompare(b.teamName));
    return { tick, rows };
  }
}
