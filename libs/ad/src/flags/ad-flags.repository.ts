import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FlagFacts } from './flag-signer';

/** A signed flag to capture, with what its signature says. */
export interface CaptureInput extends FlagFacts {
  flag: string;
}

@Injectable()
export class AdFlagsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records the captures in one statement and returns the flags that were new for this team. The unique key on
   * (flag, attacker) settles races: the same flag sent by two teammates at once is one capture, the other is DUP.
   * Only flags the platform stored count (a signed flag always is).
   */
  async capture(eventId: string, attackerTeamId: string, inputs: CaptureInput[]): Promise<Set<string>> {
    if (inputs.length === 0) return new Set();
    const rows: Array<{ flag: string }> = await this.dataSource.query(
      `INSERT INTO ad_captures (event_id, flag, attacker_team_id, victim_team_id, service_id, tick)
       SELECT $1, i.flag, $2, i.victim, i.service, i.tick
       FROM unnest($3::text[], $4::uuid[], $5::uuid[], $6::int[]) AS i(flag, victim, service, tick)
       WHERE EXISTS (SELECT 1 FROM ad_flags f WHERE f.flag = i.flag AND f.event_id = $1)
       ON CONFLICT ON CONSTRAINT ad_captures_flag_attacker_key DO NOTHING
       RETURNING flag`,
      [eventId, attackerTeamId, inputs.map((i) => i.flag), inputs.map((i) => i.teamId), inputs.map((i) => i.serviceId), inputs.map((i) => i.tick)],
    );
    return new Set(rows.map((row) => row.flag));
  }
}
