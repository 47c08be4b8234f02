import { isUniqueViolation, PlatformRole } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { UserEntity } from './entities/user.entity';

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string;
  country: string;
  role?: PlatformRole;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** Inserts the user; returns null when the email is taken (the unique key decides, not a prior read). */
  async insertUnlessEmailTaken(user: NewUser): Promise<UserEntity | null> {
    const entity = this.users.create(user);
    try {
      // One INSERT … RETURNING (save() wraps it in BEGIN/COMMIT); the generated columns land in the entity.
      await this.users.insert(entity);
      return entity;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email });
  }

  async updateProfile(id: string, profile: { displayName?: string; country?: string }): Promise<UserEntity | null> {
    const changes = Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
    if (Object.keys(changes).length > 0) await this.users.update({ id }, changes);
    return this.findById(id);
  }

  /**
   * An admin's change: the role, and the disabled time (kept when already disabled, so the first time stays). A role
   * change or a disable raises the token generation in the same statement, so no token issued before it stays good.
   */
  async setAccount(id: string, change: { role?: PlatformRole; disabled?: boolean }): Promise<UserEntity | null> {
    const query = this.users.createQueryBuilder().update().where('id = :id', { id });
    const values: QueryDeepPartialEntity<UserEntity> = {};
    if (change.role !== undefined) values.role = change.role;
    if (change.disabled !== undefined) values.disabledAt = change.disabled ? () => 'COALESCE(disabled_at, now())' : null;
    if (change.role !== undefined || change.disabled === true) values.tokenGeneration = () => 'token_generation + 1';
    if (Object.keys(values).length > 0) await query.set(values).execute();
    return this.findById(id);
  }

  /** The platform role now, or null when the user is gone or disabled (routes gated by role re-read it). */
  async findActiveRole(id: string): Promise<PlatformRole | null> {
    const rows: Array<{ role: PlatformRole }> = await this.users.query('SELECT role FROM users WHERE id = $1 AND disabled_at IS NULL', [id]);
    return rows[0]?.role ?? null;
  }

  /** Every account, newest first, filtered by part of the email or display name and by role. */
  async search(filter: { q?: string; role?: PlatformRole }, limit: number, offset: number): Promise<[UserEntity[], number]> {
    const query = this.users.createQueryBuilder('u').orderBy('u.createdAt', 'DESC').addOrderBy('u.id', 'ASC').take(limit).skip(offset);
    const q = filter.q?.trim();
    if (q) {
      // LIKE's own wildcards in the search are matched literally.
      const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(u.email ILIKE :pattern OR u.displayName ILIKE :pattern)', { pattern });
    }
    if (filter.role) query.andWhere('u.role = :role', { role: filter.role });
    return query.getManyAndCount();
  }

  /** Creates the bootstrap admin; false when the email is taken (the unique key decides). */
  async insertAdminUnlessEmailTaken(email: string, passwordHash: string): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .values({ email, passwordHash, displayName: 'Administrator', country: 'KR', role: PlatformRole.Admin })
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /**
   * Stores a new hash of the same password (new parameters) unless the hash changed since it was read: a concurrent
   * password change wins. The user's sessions live on (see migration PasswordRehashKeepsSessions). False when lost.
   */
  async replaceHashOfSamePassword(id: string, readHash: string, newHash: string): Promise<boolean> {
    return this.users.manager.transaction(async (manager) => {
      await manager.query(`SELECT set_config('arena.password_rehash', 'on', true)`);
      const result = await manager
        .createQueryBuilder()
        .update(UserEntity)
        .set({ passwordHash: newHash })
        .where('id = :id AND password_hash = :readHash', { id, readHash })
        .execute();
      return result.affected === 1;
    });
  }

  /** Makes the user an admin with this password; the new hash revokes every session (trigger on password_hash). */
  async resetAdmin(id: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash, role: PlatformRole.Admin });
  }
}
