import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AdCheckDto } from '../dto/ad-status.dto';

/** Points of one kind for one team's service. */
export interface PointsRow {
  kind: 'attack' | 'defence' | 'sla';
  teamId: string;
  serviceId: string;
  value: number;
}

export interface LastStateRow {
  teamId: string;
  serviceId: string;
  tick: number;
  status: string;
  message: string;
}

/** The set-based sums behind FAUST scoring; `cutoff` (a freeze) keeps captures and ticks from before it. */
@Injectable()
export class AdStandingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** attack = Σ 1 + 1/n per capture; defence = −Σ n^0.75 per own flag captured; SLA ticks = OK + ½ RECOVERING (raw). */
  points(eventId: string, cutoff: Date | null): Promise<PointsRow[]> {
    return this.dataSource.query(
      `WITH c AS (
         SELECT flag, attacker_team_id, victim_team_id, service_id FROM ad_captures
         WHERE event_id = $1 AND ($2::timestamptz IS NULL OR created_at < $2)
       ), n AS (SELECT flag, count(*)::float8 AS n FROM c GROUP BY flag)
       SELECT 'attack' AS kind, c.attacker_team_id AS "teamId", c.service_id AS "serviceId", sum(1 + 1 / n.n)::float8 AS value
       FROM c JOIN n USING (flag) GROUP BY c.attacker_team_id, c.service_id
       UNION ALL
       SELECT 'defence', d.victim_team_id, d.service_id, -sum(power(d.n, 0.75))::float8
       FROM (SELECT DISTINCT c.flag, c.victim_team_id, c.service_id, n.n FROM c JOIN n USING (flag)) d GROUP BY d.victim_team_id, d.service_id
       UNION ALL
       SELECT 'sla', s.team_id, s.service_id,
              sum(CASE WHEN s.status IN ('OK', 'CHECK_FAILED') THEN 1 WHEN s.status = 'RECOVERING' THEN 0.5 ELSE 0 END)::float8
       FROM ad_service_states s JOIN ad_ticks t ON t.event_id = s.event_id AND t.tick = s.tick
       WHERE s.event_id = $1 AND ($2::timestamptz IS NULL OR t.started_at < $2)
       GROUP BY s.team_id, s.service_id`,
      [eventId, cutoff],
    );
  }

  lastStates(eventId: string, cutoff: Date | null): Promise<LastStateRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (s.team_id, s.service_id) s.team_id AS "teamId", s.service_id AS "serviceId", s.tick, s.status, s.message
       FROM ad_service_states s JOIN ad_ticks t ON t.event_id = s.event_id AND t.tick = s.tick
       WHERE s.event_id = $1 AND ($2::timestamptz IS NULL OR t.started_at < $2)
       ORDER BY s.team_id, s.service_id, s.tick DESC`,
      [eventId, cutoff],
    );
  }

  async lastTick(eventId: string, cutoff: Date | null): Promise<number> {
    const rows: Array<{ tick: number | null }> = await this.dataSource.query(
      'SELECT max(tick) AS tick FROM ad_ticks WHERE event_id = $1 AND ($2::timestamptz IS NULL OR started_at < $2)',
      [eventId, cutoff],
    );
    return rows[0]?.tick ?? 0;
  }

  /** Planted flags of ticks ≥ fromTick, with their team, host and service, for attack info. */
  liveFlagIds(eventId: string, fromTick: number): Promise<Array<{ teamId: string; teamName: string; host: string; service: string; tick: number; vuln: number; flagId: string }>> {
    return this.dataSource.query(
      `SELECT f.team_id AS "teamId", t.name AS "teamName", v.host, s.name AS service, f.tick, f.vuln, f.flag_id AS "flagId"
       FROM ad_flags f JOIN teams t ON t.id = f.team_id JOIN ad_services s ON s.id = f.service_id JOIN ad_vulnboxes v ON v.team_id = f.team_id
       WHERE f.event_id = $1 AND f.planted AND f.tick >= $2 AND NOT t.banned
       ORDER BY t.name, f.team_id, s.name, f.tick, f.vuln`,
      [eventId, fromTick],
    );
  }

  checks(eventId: string, filter: { tick?: number; teamId?: string }, limit: number, offset: number): Promise<Array<AdCheckDto & { createdAt: Date | string }>> {
    return this.dataSource.query(
      `SELECT c.tick, c.team_id AS "teamId", s.name AS service, c.action, c.vuln, c.flag_tick AS "flagTick", c.status, c.message, c.output,
              c.duration_ms AS "durationMs", c.created_at AS "createdAt"
       FROM ad_checks c JOIN ad_services s ON s.id = c.service_id
       WHERE c.event_id = $1 AND ($2::int IS NULL OR c.tick = $2) AND ($3::uuid IS NULL OR c.team_id = $3)
       ORDER BY c.tick DESC, c.created_at DESC LIMIT $4 OFFSET $5`,
      [eventId, filter.tick ?? null, filter.teamId ?? null, limit, offset],
    );
  }
}
