import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChallengeEntity } from '../challenges/entities/challenge.entity';
import { StandingsInputs, StateAward, StateSolve, StateTeam } from './standings-state';

type RowAt = { id: string; team_id: string; created_at: Date; at_us: string };
type SolveRow = RowAt & { challenge_id: string };

// Microseconds since the epoch (exact: extract gives numeric), beside the timestamp the driver reads.
const AT = `created_at, (extract(epoch FROM created_at) * 1000000)::bigint::text AS at_us`;
// The oldest transaction this statement's snapshot may not see yet: every solve stored by an older one is visible now.
const XMIN = 'txid_snapshot_xmin(txid_current_snapshot())::text';

const solve = (row: SolveRow): StateSolve => ({ id: row.id, teamId: row.team_id, challengeId: row.challenge_id, at: Number(row.at_us), createdAt: row.created_at });

/** What the worker's in-memory standings (StandingsState) read: all of an event's inputs, or the solves since a position. */
@Injectable()
export class StandingsStateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Everything, from one snapshot (REPEATABLE READ), with the position to read new solves from. */
  async load(eventId: string): Promise<StandingsInputs> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // The first statement takes the transaction's snapshot: the position is that snapshot's.
      const [{ xmin }]: Array<{ xmin: string }> = await manager.query(`SELECT ${XMIN} AS xmin`);
      const teams: Array<{ id: string; name: string; division: string | null; hidden: boolean; banned: boolean }> = await manager.query(
        // Name order as PostgreSQL sorts it (the locale's collation): the last tie-break of the SQL standings.
        'SELECT id, name, division, hidden, banned FROM teams WHERE event_id = $1 ORDER BY name',
        [eventId],
      );
      const challenges = await manager.find(ChallengeEntity, {
        where: { eventId },
        relations: { hints: true, files: true },
        order: { position: 'ASC', category: 'ASC', name: 'ASC', hints: { position: 'ASC' }, files: { name: 'ASC' } },
      });
      const solves: SolveRow[] = await manager.query(`SELECT id, team_id, challenge_id, ${AT} FROM solves WHERE event_id = $1`, [eventId]);
      const awards: Array<RowAt & { value: number }> = await manager.query(`SELECT id::text AS id, team_id, value, ${AT} FROM awards WHERE event_id = $1`, [eventId]);
      return {
        position: xmin,
        teams: teams.map((team, nameOrder): StateTeam => ({ ...team, nameOrder })),
        challenges,
        solves: solves.map(solve),
        awards: awards.map((row): StateAward => ({ id: row.id, teamId: row.team_id, value: Number(row.value), at: Number(row.at_us), createdAt: row.created_at })),
      };
    });
  }

  /**
   * The solves stored by transactions from `position` on that one statement's snapshot sees, and the next position
   * (its xmin). Transactions commit out of id order, so a solve of an id at or past the new position may still be
   * invisible now: the next read starts there again, and the reads overlap (StandingsState.apply skips known solves).
   */
  async solvesSince(eventId: string, position: string): Promise<{ position: string; solves: StateSolve[] }> {
    const rows: Array<Partial<SolveRow> & { xmin: string }> = await this.dataSource.query(
      `SELECT snap.xmin, s.id, s.team_id, s.challenge_id, s.created_at, (extract(epoch FROM s.created_at) * 1000000)::bigint::text AS at_us
         FROM (SELECT ${XMIN} AS xmin) AS snap LEFT JOIN solves s ON s.event_id = $1 AND s.tx >= $2::bigint`,
      [eventId, position],
    );
    const solves = rows.filter((row): row is SolveRow & { xmin: string } => row.id !== null && row.id !== undefined).map(solve);
    // Never backwards (a reader's xmin cannot go below an earlier one's, but keep the position monotonic regardless).
    const next = BigInt(rows[0].xmin) > BigInt(position) ? rows[0].xmin : position;
    return { position: next, solves };
  }
}
