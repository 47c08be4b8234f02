import { EventEntity, EventKind } from '@arena/registration';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual, MoreThan } from 'typeorm';
import { AdFlagEntity } from '../entities/ad-flag.entity';
import { AdServiceEntity } from '../entities/ad-service.entity';

/** A checker run as stored for organisers. */
export interface CheckRow {
  eventId: string;
  tick: number;
  teamId: string;
  serviceId: string;
  action: string;
  vuln: number;
  flagTick: number;
  status: string;
  message: string;
  output: string;
  durationMs: number;
}

/** Ticks, planted flags, checker runs and tick states: what the worker writes while a game runs. */
@Injectable()
export class AdGameRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Attack-defence events that have started and not ended. */
  runningEvents(now: Date): Promise<EventEntity[]> {
    return this.dataSource.getRepository(EventEntity).find({ where: { kind: EventKind.Ad, startsAt: LessThanOrEqual(now), endsAt: MoreThan(now) } });
  }

  /** When the next attack-defence event starts, if one is to start. */
  async nextStart(now: Date): Promise<Date | null> {
    const rows: Array<{ at: Date | null }> = await this.dataSource.query("SELECT min(starts_at) AS at FROM events WHERE kind = 'ad' AND starts_at > $1", [now]);
    return rows[0]?.at ?? null;
  }

  event(eventId: string): Promise<EventEntity | null> {
    return this.dataSource.getRepository(EventEntity).findOne({ where: { id: eventId } });
  }

  async lastStartedTick(eventId: string): Promise<number> {
    const rows: Array<{ tick: number | null }> = await this.dataSource.query('SELECT max(tick) AS tick FROM ad_ticks WHERE event_id = $1', [eventId]);
    return rows[0]?.tick ?? 0;
  }

  /** Records the tick as started; false when it already was (another worker, or before a restart). */
  async startTick(eventId: string, tick: number, scheduledAt: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('INSERT INTO ad_ticks (event_id, tick, scheduled_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING tick', [
      eventId,
      tick,
      scheduledAt,
    ]);
    return rows.length === 1;
  }

  services(eventId: string): Promise<AdServiceEntity[]> {
    return this.dataSource.getRepository(AdServiceEntity).find({ where: { eventId }, order: { name: 'ASC' } });
  }

  service(serviceId: string): Promise<AdServiceEntity | null> {
    return this.dataSource.getRepository(AdServiceEntity).findOne({ where: { id: serviceId } });
  }

  /** The (team, service) pairs of a tick that have no state yet. */
  async pairsWithoutState(eventId: string, tick: number): Promise<Array<{ teamId: string; serviceId: string }>> {
    return this.dataSource.query(
      `SELECT v.team_id AS "teamId", s.id AS "serviceId" FROM ad_vulnboxes v CROSS JOIN ad_services s
       JOIN teams t ON t.id = v.team_id
       WHERE v.event_id = $1 AND s.event_id = $1 AND NOT t.banned
         AND NOT EXISTS (SELECT 1 FROM ad_service_states st WHERE st.event_id = $1 AND st.tick = $2 AND st.team_id = v.team_id AND st.service_id = s.id)
       ORDER BY v.team_id, s.name`,
      [eventId, tick],
    );
  }

  async hostOf(teamId: string): Promise<string | null> {
    const rows: Array<{ host: string }> = await this.dataSource.query('SELECT host FROM ad_vulnboxes WHERE team_id = $1', [teamId]);
    return rows[0]?.host ?? null;
  }

  async hasState(eventId: string, tick: number, teamId: string, serviceId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM ad_service_states WHERE event_id = $1 AND tick = $2 AND team_id = $3 AND service_id = $4', [
      eventId,
      tick,
      teamId,
      serviceId,
    ]);
    return rows.length > 0;
  }

  /** The flag of this slot: the one stored (a rerun of the tick reuses it), or `flag` stored now. */
  async ensureFlag(row: Pick<AdFlagEntity, 'flag' | 'eventId' | 'teamId' | 'serviceId' | 'tick' | 'vuln' | 'flagId'>): Promise<AdFlagEntity> {
    await this.dataSource.query(
      `INSERT INTO ad_flags (flag, event_id, team_id, service_id, tick, vuln, flag_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT ad_flags_slot_key DO NOTHING`,
      [row.flag, row.eventId, row.teamId, row.serviceId, row.tick, row.vuln, row.flagId],
    );
    const repo = this.dataSource.getRepository(AdFlagEntity);
    return repo.findOneOrFail({ where: { eventId: row.eventId, teamId: row.teamId, serviceId: row.serviceId, tick: row.tick, vuln: row.vuln } });
  }

  async markPlanted(flag: string, flagId: string): Promise<void> {
    await this.dataSource.query('UPDATE ad_flags SET planted = true, flag_id = $2 WHERE flag = $1', [flag, flagId]);
  }

  /** Planted flags of the team's service from ticks fromTick..toTick, oldest first. */
  liveFlags(eventId: string, teamId: string, serviceId: string, fromTick: number, toTick: number): Promise<AdFlagEntity[]> {
    return this.dataSource
      .getRepository(AdFlagEntity)
      .createQueryBuilder('f')
      .where('f.event_id = :eventId AND f.team_id = :teamId AND f.service_id = :serviceId AND f.planted AND f.tick BETWEEN :fromTick AND :toTick', {
        eventId,
        teamId,
        serviceId,
        fromTick,
        toTick,
      })
      .orderBy('f.tick')
      .addOrderBy('f.vuln')
      .getMany();
  }

  async insertCheck(row: CheckRow): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ad_checks (event_id, tick, team_id, service_id, action, vuln, flag_tick, status, message, output, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT ON CONSTRAINT ad_checks_run_key DO NOTHING`,
      [row.eventId, row.tick, row.teamId, row.serviceId, row.action, row.vuln, row.flagTick, row.status, row.message, row.output, row.durationMs],
    );
  }

  /** False when the tick already had a state for this team and service (a duplicate run). */
  async insertState(eventId: string, tick: number, teamId: string, serviceId: string, status: string, message: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO ad_service_states (event_id, tick, team_id, service_id, status, message) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING tick`,
      [eventId, tick, teamId, serviceId, status, message],
    );
    return rows.length === 1;
  }
}
