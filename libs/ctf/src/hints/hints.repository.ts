import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AwardEntity } from '../awards/entities/award.entity';
import { AwardKind } from '../awards/award-kind.enum';
import { HintUnlockEntity } from './entities/hint-unlock.entity';
import { HintEntity } from './entities/hint.entity';

/** A fingerprint of a team's awards: adding or removing one changes it. */
export interface AwardTotals {
  count: number;
  sum: number;
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

  /** The count and sum of the team's awards (hint costs included); on the lock's connection when given. */
  async awardTotals(teamId: string, lock?: TeamUnlockLock): Promise<AwardTotals> {
    const runner = lock?.manager ?? this.dataSource;
    const [row]: Array<{ count: number; sum: number }> = await runner.query(
      'SELECT count(*)::int AS count, coalesce(sum(value), 0)::int AS sum FROM awards WHERE team_id = $1',
      [teamId],
    );
    return { count: row.count, sum: row.sum };
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
