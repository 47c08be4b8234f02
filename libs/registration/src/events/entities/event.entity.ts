import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ApprovalMode, EventKind, LeaderboardVisibility } from '../event-kind.enum';

/** Attack-defence settings (`kind: "ad"`). */
export interface AdSettings {
  tickSeconds: number;
  flagLifetimeTicks: number;
  flagPrefix: string;
}

/** Jeopardy rules an organiser can tune (`kind: "ctf"`). */
export interface CtfSettings {
  /** Wrong attempts per team and challenge per minute before 429. */
  wrongAttemptsPerMinute: number;
  /** Points for the first solver of each challenge. */
  firstBloodBonus: number;
}

export enum QuestionType {
  Text = 'text',
  Choice = 'choice',
}

/** Longest answer a text question may allow (characters). */
export const QUESTION_MAX_LENGTH = 2000;
/** Longest answer of a text question that sets no maxLength. */
export const DEFAULT_QUESTION_MAX_LENGTH = 500;

/** A question of the registration form (`registration.questions`); answers are stored under its id. */
export interface RegistrationQuestion {
  id: string;
  label: string;
  type: QuestionType;
  required: boolean;
  /** Choice questions: the allowed answers. */
  choices?: string[];
  /** Text questions: the longest answer in characters. */
  maxLength?: number;
}

export const DEFAULT_CTF_SETTINGS: CtfSettings = { wrongAttemptsPerMinute: 10, firstBloodBonus: 0 };

@Entity('events')
export class EventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'enum', enum: EventKind, enumName: 'event_kind' })
  kind: EventKind;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  freezeAt: Date | null;

  @Column({ type: 'boolean', default: true })
  listed: boolean;

  // Set when organisers reveal the live standings after the event ended (ends the freeze for everyone).
  @Column({ type: 'timestamptz', nullable: true })
  revealedAt: Date | null;

  @Column({
    type: 'enum',
    enum: LeaderboardVisibility,
    enumName: 'leaderboard_visibility',
    default: LeaderboardVisibility.Public,
  })
  leaderboardVisibility: LeaderboardVisibility;

  @Column({ type: 'timestamptz', nullable: true })
  registrationOpensAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  registrationClosesAt: Date | null;

  @Column({ type: 'enum', enum: ApprovalMode, enumName: 'approval_mode', default: ApprovalMode.Auto })
  registrationApproval: ApprovalMode;

  @Column({ type: 'integer', nullable: true })
  registrationCapacity: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  registrationQuestions: RegistrationQuestion[];

  // Empty: every country is eligible.
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  eligibleCountries: string[];

  @Column({ type: 'integer', default: 1 })
  teamMinSize: number;

  @Column({ type: 'integer', default: 4 })
  teamMaxSize: number;

  @Column({ type: 'boolean', default: true })
  teamLockAtStart: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  divisions: string[];

  @Column({ type: 'jsonb', nullable: true })
  ad: AdSettings | null;

  // Only what the organiser set; DEFAULT_CTF_SETTINGS fills the rest.
  @Column({ type: 'jsonb', nullable: true })
  ctf: Partial<CtfSettings> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
