import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JudgeConflictEntity } from './entities/judge-conflict.entity';
import { JudgeTrackEntity } from './entities/judge-track.entity';

export interface JudgeRow {
  id: string;
  displayName: string;
  country: string;
}

/** Who is in each team: member ids and their countries. */
export interface TeamMembership {
  users: Set<string>;
  countries: Set<string>;
}

/** The judges of an event and what limits them: declared conflicts and the tracks they judge. */
@Injectable()
export class JudgesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Event staff with the judge role, in the order they were added. */
  async judges(eventId: string, manager: EntityManager = this.dataSource.manager): Promise<JudgeRow[]> {
    const rows: Array<{ id: string; display_name: string; country: string }> = await manager.query(
      `SELECT u.id, u.display_name, u.country
         FROM event_staff s JOIN users u ON u.id = s.user_id
        WHERE s.event_id = $1 AND s.role = 'judge'
        ORDER BY s.created_at, u.id`,
      [eventId],
    );
    return rows.map((row) => ({ id: row.id, displayName: row.display_name, country: row.country }));
  }

  async memberships(eventId: string, manager: EntityManager = this.dataSource.manager): Promise<Map<string, TeamMembership>> {
    const rows: Array<{ team_id: string; user_id: string; country: string }> = await manager.query(
      'SELECT m.team_id, m.user_id, u.country FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.event_id = $1',
      [eventId],
    );
    const teams = new Map<string, TeamMembership>();
    for (const row of rows) {
      const team = teams.get(row.team_id) ?? { users: new Set<string>(), countries: new Set<string>() };
      team.users.add(row.user_id);
      team.countries.add(row.country);
      teams.set(row.team_id, team);
    }
    return teams;
  }

  async teamInEvent(eventId: string, teamId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM teams WHERE id = $1 AND event_id = $2', [teamId, eventId]);
    return rows.length > 0;
  }

  conflicts(eventId: string, judgeId?: string, manager: EntityManager = this.dataSource.manager): Promise<JudgeConflictEntity[]> {
    return manager.find(JudgeConflictEntity, { where: judgeId ? { eventId, judgeId } : { eventId }, order: { createdAt: 'ASC' } });
  }

  /** Idempotent: declaring the same conflict twice keeps the first. */
  async addConflict(conflict: Pick<JudgeConflictEntity, 'eventId' | 'judgeId' | 'teamId' | 'reason' | 'declaredBy'>): Promise<JudgeConflictEntity> {
    const repository = this.dataSource.getRepository(JudgeConflictEntity);
    await repository.createQueryBuilder().insert().values(conflict).orIgnore().execute();
    return repository.findOneByOrFail({ eventId: conflict.eventId, judgeId: conflict.judgeId, teamId: conflict.teamId });
  }

  async judgeTracks(eventId: string, manager: EntityManager = this.dataSource.manager): Promise<Map<string, string[]>> {
    const rows = await manager.find(JudgeTrackEntity, { where: { eventId } });
    return new Map(rows.map((row) => [row.judgeId, row.tracks]));
  }

  async setJudgeTracks(eventId: string, judgeId: string, tracks: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(JudgeTrackEntity).upsert({ eventId, judgeId, tracks }, ['eventId', 'judgeId']);
  }

  /** Makes the user a judge of the event (idempotent); `tracks` replaces the tracks they judge when given. */
  async addJudge(manager: EntityManager, eventId: string, userId: string, tracks?: string[]): Promise<void> {
    await manager.query(`INSERT INTO event_staff (event_id, user_id, role) VALUES ($1, $2, 'judge') ON CONFLICT DO NOTHING`, [eventId, userId]);
    if (tracks !== undefined) await this.setJudgeTracks(eventId, userId, tracks, manager);
  }

  /** Takes the judge role (and the tracks) away; false when the user was not a judge. Declared conflicts stay on record. */
  async removeJudge(manager: EntityManager, eventId: string, userId: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await manager.query(`DELETE FROM event_staff WHERE event_id = $1 AND user_id = $2 AND role = 'judge' RETURNING user_id`, [eventId, userId]);
    await manager.delete(JudgeTrackEntity, { eventId, judgeId: userId });
    return rows.length > 0;
  }
}
