import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AwardEntity } from '../awards/entities/award.entity';
import { AwardKind } from '../awards/award-kind.enum';
import { HintUnlockEntity } from './entities/hint-unlock.entity';
import { HintEntity } from './entities/hint.entity';

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
