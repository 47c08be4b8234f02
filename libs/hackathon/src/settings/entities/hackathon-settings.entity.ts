import { EventEntity } from '@arena/registration';
import { Normalisation } from '@arena/scoring';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { JudgingMode } from '../judging-mode.enum';

const bigintNumber = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/** One row per hackathon event, created on first use; absent means the defaults. */
@Entity('hackathon_settings')
export class HackathonSettingsEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tracks: string[];

  @Column({ type: 'enum', enum: Normalisation, enumName: 'hackathon_normalisation', default: Normalisation.ZScore })
  normalisation: Normalisation;

  @Column({ type: 'enum', enum: JudgingMode, enumName: 'judging_mode', default: JudgingMode.Rubric })
  mode: JudgingMode;

  @Column({ type: 'boolean', default: false })
  judgingClosed: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  resultsPublishedAt: Date | null;

  // Judges from the country of any team member are not assigned to that team's project.
  @Column({ type: 'boolean', default: false })
  excludeSameCountryJudges: boolean;

  @Column({ type: 'boolean', default: false })
  peoplesChoiceEnabled: boolean;

  @Column({ type: 'integer', default: 1 })
  peoplesChoiceVotesPerUser: number;

  // Glob patterns (`*`, `?`) an uploaded archive should contain; a miss warns, it does not reject.
  @Column({ type: 'text', array: true, default: () => "'{README*}'" })
  requiredFiles: string[];

  // Archives above this size get a failed (warning) size check; the upload limit itself is MAX_ATTACHMENT_BYTES.
  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  maxArchiveBytes: number | null;

  // Run in the sandbox on every uploaded archive (its result is one more check); null: none.
  @Column({ type: 'text', nullable: true })
  checkCommand: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
