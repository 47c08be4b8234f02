import { PlatformRole } from '@arena/common';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  // Stored lower-cased; unique.
  @Column({ type: 'text', unique: true })
  email: string;

  // Any change revokes every refresh token of the user (trigger from migration RevokeSessionsOnPasswordChange).
  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'text' })
  displayName: string;

  /** ISO 3166-1 alpha-2, upper case. */
  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'enum', enum: PlatformRole, enumName: 'platform_role', default: PlatformRole.User })
  role: PlatformRole;

  // Set by an admin: the user can no longer sign in or refresh, and the access tokens already issued are refused.
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  // Carried by access tokens (claim `gen`); raised when an admin disables the user or changes their role, so every
  // token issued before is refused at once (TokenRevocations), not when it expires.
  @Column({ type: 'integer', default: 0 })
  tokenGeneration: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
