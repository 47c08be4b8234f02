import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AdSettings, CtfSettings, DEFAULT_CTF_SETTINGS, EventEntity } from '../entities/event.entity';
import { ApprovalMode, EventKind, LeaderboardVisibility } from '../event-kind.enum';
import { RegistrationQuestionDto } from './registration-question.dto';

class EventRegistrationDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  opensAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  closesAt: string | null;
  @ApiProperty({ enum: ApprovalMode })
  approval: ApprovalMode;
  @ApiPropertyOptional({ type: Number, nullable: true })
  capacity: number | null;
  @ApiProperty({ type: [String] })
  eligibleCountries: string[];
  @ApiProperty({ type: [RegistrationQuestionDto] })
  questions: RegistrationQuestionDto[];
}

class EventTeamsDto {
  @ApiProperty()
  minSize: number;
  @ApiProperty()
  maxSize: number;
  @ApiProperty()
  lockAtStart: boolean;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export class EventDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  slug: string;
  @ApiProperty()
  title: string;
  @ApiProperty()
  description: string;
  @ApiProperty({ enum: EventKind })
  kind: EventKind;
  @ApiProperty()
  startsAt: string;
  @ApiProperty()
  endsAt: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  freezeAt: string | null;
  @ApiProperty()
  listed: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'when organisers revealed the live standings' })
  revealedAt: string | null;
  @ApiProperty({ enum: LeaderboardVisibility })
  leaderboardVisibility: LeaderboardVisibility;
  @ApiProperty({ type: EventRegistrationDto })
  registration: EventRegistrationDto;
  @ApiProperty({ type: EventTeamsDto })
  teams: EventTeamsDto;
  @ApiProperty({ type: [String] })
  divisions: string[];
  @ApiPropertyOptional({ nullable: true })
  ad: AdSettings | null;
  @ApiPropertyOptional({ nullable: true, description: 'CTF events: the effective settings' })
  ctf: CtfSettings | null;
  @ApiProperty()
  createdAt: string;

  static from(event: EventEntity): EventDto {
    return {
      id: event.id,
      slug: event.slug,
      title: event.title,
      description: event.description,
      kind: event.kind,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      freezeAt: iso(event.freezeAt),
      listed: event.listed,
      revealedAt: iso(event.revealedAt),
      leaderboardVisibility: event.leaderboardVisibility,
      registration: {
        opensAt: iso(event.registrationOpensAt),
        closesAt: iso(event.registrationClosesAt),
        approval: event.registrationApproval,
        capacity: event.registrationCapacity,
        eligibleCountries: event.eligibleCountries,
        questions: event.registrationQuestions ?? [],
      },
      teams: { minSize: event.teamMinSize, maxSize: event.teamMaxSize, lockAtStart: event.teamLockAtStart },
      divisions: event.divisions,
      ad: event.ad,
      ctf: event.kind === EventKind.Ctf ? { ...DEFAULT_CTF_SETTINGS, ...event.ctf } : null,
      createdAt: event.createdAt.toISOString(),
    };
  }
}
