import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VulnboxDto } from '../dto/vulnbox.dto';

/** A team of the game: its vulnbox, whether it is off the public boards. */
export interface GameTeam {
  teamId: string;
  teamName: string;
  host: string;
  hidden: boolean;
  banned: boolean;
}

@Injectable()
export class AdVulnboxesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** id and name of every team of the event. */
  teamsOfEvent(eventId: string): Promise<Array<{ id: string; name: string }>> {
    return this.dataSource.query('SELECT id, name FROM teams WHERE event_id = $1', [eventId]);
  }

  /** A team with its event and whether it is banned, or null. */
  async team(teamId: string): Promise<{ id: string; name: string; eventId: string; banned: boolean } | null> {
    const rows: Array<{ id: string; name: string; eventId: string; banned: boolean }> = await this.dataSource.query(
      'SELECT id, name, event_id AS "eventId", banned FROM teams WHERE id = $1',
      [teamId],
    );
    return rows[0] ?? null;
  }

  /** Sets the hosts of the given teams in one transaction (others keep theirs). */
  async upsert(eventId: string, vulnboxes: Array<{ teamId: string; host: string }>): Promise<void> {
    if (vulnboxes.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO ad_vulnboxes (team_id, event_id, host)
       SELECT team_id, $1, host FROM unnest($2::uuid[], $3::text[]) AS v(team_id, host)
       ON CONFLICT (team_id) DO UPDATE SET host = EXCLUDED.host, updated_at = now()`,
      [eventId, vulnboxes.map((box) => box.teamId), vulnboxes.map((box) => box.host)],
    );
  }

  list(eventId: string): Promise<VulnboxDto[]> {
    return this.dataSource.query(
      `SELECT v.team_id AS "teamId", t.name AS "teamName", v.host FROM ad_vulnboxes v JOIN teams t ON t.id = v.team_id
       WHERE v.event_id = $1 ORDER BY t.name`,
      [eventId],
    );
  }

  /** The teams that play: those with a vulnbox. */
  gameTeams(eventId: string): Promise<GameTeam[]> {
    return this.dataSource.query(
      `SELECT v.team_id AS "teamId", t.name AS "teamName", v.host, t.hidden, t.banned
       FROM ad_vulnboxes v JOIN teams t ON t.id = v.team_id WHERE v.event_id = $1 ORDER BY t.name, t.id`,
      [eventId],
    );
  }
}
