import { ValueParams } from '@arena/scoring';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AwardEntity } from '../awards/entities/award.entity';
import { AwardKind } from '../awards/award-kind.enum';
import { firstBloodSolves } from '../standings/first-bloods.sql';
import { HintUnlockEntity } from './entities/hint-unlock.entity';
import { HintEntity } from './entities/hint.entity';

/** What a team's live score is made of, as one query reads it (scoring.md: solves at current values, awards, bonuses). */
export interface TeamScoreParts {
  /** Each solve's challenge: its value parameters and its solves by visible teams. */
  solves: Array<ValueParams & { solves: number }>;
  /** The sum of the team's awards (hint costs are negative awards). */
  awards: number;
  /** How many of the team's solves are first bloods. */
  firstBloods: number;
}

/** Work done while holding the team's unlock lock. */
export interface TeamUnlockLock {
  manager: EntityManager;
}

@Injectable()
export class HintsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findInEvent(eventId: string, hintId: string): Promise<HintEntity | null> {
    return this.dataSource
      .getRepository(HintEntity)
      .createQueryBuilder('hint')
      .innerJoinAndSelect('hint.challenge', 'challenge')
      .where('hint.id = :hintId AND challenge.event_id = :eventId', { hintId, eventId })
      .getOne();
  }

  /** Serialises one team's unlocks (an advisory lock per team), so concurrent unlocks charge once and never overdraw. */
  withTeamLock<T>(teamId: string, work: (lock: TeamUnlockLock) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('hint-unlock:' || $1, 0))`, [teamId]);
      return work({ manager });
    });
  }

  /**
   * The team's own live score in parts, in one query on the lock's connection (the holder of the lock never waits for
   * a second pooled connection): only this team's solves, awards and first bloods are read, never the standings.
   */
  async teamScoreParts({ manager }: TeamUnlockLock, eventId: string, teamId: string): Promise<TeamScoreParts> {
    const [row]: Array<{ solves: Array<ValueParams & { solves: string }>; awards: number; first_bloods: number }> = await manager.query(
      `SELECT coalesce((SELECT json_agg(json_build_object(
                 'function', c.value_function, 'value', c.value, 'initial', c.initial, 'minimum', c.minimum, 'decay', c.decay,
                 'solves', (SELECT count(*) FROM solves o WHERE o.challenge_id = c.id
                               AND NOT EXISTS (SELECT 1 FROM teams t WHERE t.id = o.team_id AND (t.hidden OR t.banned)))))
                 FROM solves s JOIN challenges c ON c.id = s.challenge_id WHERE s.team_id = $1), '[]') AS solves,
              (SELECT coalesce(sum(a.value), 0) FROM awards a WHERE a.event_id = $2 AND a.team_id = $1)::int AS awards,
              (SELECT count(*) FROM (${firstBloodSolves('$2', 'NULL')}) AS fb WHERE fb.team_id = $1)::int AS first_bloods`,
      [teamId, eventId],
    );
    return { solves: row.solves.map((solve) => ({ ...solve, solves: Number(solve.solves) })), awards: row.awards, firstBloods: row.first_bloods };
  }

  async isUnlocked({ manager }: TeamUnlockLock, hintId: string, teamId: string): Promise<boolean> {
    return manager.exists(HintUnlockEntity, { where: { hintId, teamId } });
  }

  /** Records the unlock and its cost as a negative award. */
  async unlock({ manager }: TeamUnlockLock, hint: HintEntity, row: { eventId: string; teamId: string; userId: string }): Promise<void> {
    const award = await manager.save(
      manager.create(AwardEntity, {
        eventId: row.eventId,
        teamId: row.teamId,
        value: -hint.cost,
        reason: `hint unlocked: ${hint.challenge?.name ?? hint.challengeId}`,
        kind: AwardKind.Hint,
        createdBy: row.userId,
      }),
    );
    await manager.insert(HintUnlockEntity, { hintId: hint.id, teamId: row.teamId, userId: row.userId, awardId: award.id });
  }
}
