import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { RefreshTokenEntity } from './entities/refresh-token.entity';

export interface ConsumedToken {
  userId: string;
  familyId: string;
}

@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>) {}

  async insert(token: Pick<RefreshTokenEntity, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>): Promise<string> {
    // One INSERT … RETURNING id: save() would wrap it in BEGIN/COMMIT, three round trips on every login.
    const result = await this.tokens.insert(token);
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Marks a live token used in one statement: of two concurrent uses exactly one gets the row. */
  async consume(id: string, tokenHash: Buffer): Promise<ConsumedToken | null> {
    const result = await this.tokens
      .createQueryBuilder()
      .update()
      .set({ usedAt: () => 'now()' })
      .where('id = :id AND token_hash = :tokenHash', { id, tokenHash })
      .andWhere('used_at IS NULL AND revoked_at IS NULL AND expires_at > now()')
      // A string, not an array: an array names entity properties, and unknown ones silently drop RETURNING.
      .returning('user_id, family_id')
      .execute();
    const row = (result.raw as Array<{ user_id: string; family_id: string }>)[0];
    return row ? { userId: row.user_id, familyId: row.family_id } : null;
  }

  /** The owner of a token that was already used (a replay), if it is one. */
  async findReplayedOwner(id: string, tokenHash: Buffer): Promise<string | null> {
    const token = await this.tokens.findOne({ where: { id, tokenHash }, select: ['userId', 'usedAt'] });
    return token?.usedAt ? token.userId : null;
  }

  async revokeAllOfUser(userId: string): Promise<void> {
    await this.tokens.update({ userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }
}
