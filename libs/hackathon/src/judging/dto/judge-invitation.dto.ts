import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import { JudgeInvitationEntity } from '../entities/judge-invitation.entity';
import { JudgeDto } from './judge.dto';

export class InviteJudgeDto {
  @ApiProperty({ example: 'judge@example.org' })
  // Accounts keep their email trimmed and lower-cased (sign-up and sign-in do the same), so any case matches.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ type: [String], description: 'the tracks the judge judges; empty or absent: every track (an existing judge keeps theirs when absent)' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  tracks?: string[];
}

export class JudgeInvitationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  email: string;
  @ApiProperty({ type: [String], description: 'empty: every track' })
  tracks: string[];
  @ApiProperty({ format: 'uuid' })
  invitedBy: string;
  @ApiProperty()
  createdAt: string;

  static from(invitation: JudgeInvitationEntity): JudgeInvitationDto {
    return { id: invitation.id, email: invitation.email, tracks: invitation.tracks, invitedBy: invitation.invitedBy, createdAt: invitation.createdAt.toISOString() };
  }
}

/**
 * `added`: the email had an account, now a judge; `invited`: none had, and the account with that email becomes one by
 * claiming with `code` (shown only here: only its hash is stored).
 */
export class InviteJudgeResultDto {
  @ApiProperty({ enum: ['added', 'invited'] })
  status: 'added' | 'invited';
  @ApiPropertyOptional({ type: JudgeDto, nullable: true })
  judge: JudgeDto | null;
  @ApiPropertyOptional({ type: JudgeInvitationDto, nullable: true })
  invitation: JudgeInvitationDto | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'invited: the one-time claim code, for the organiser to pass on; shown only once' })
  code: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'invited: the web path that claims it, e.g. /judging/invitations/claim?event=…&code=…' })
  invitePath: string | null;
}

export class ClaimJudgeInvitationDto {
  @ApiProperty({ description: 'the code of POST …/judging/invitations' })
  @IsString()
  @MaxLength(200)
  code: string;
}

export class ClaimJudgeInvitationResultDto {
  @ApiProperty()
  slug: string;
  @ApiProperty({ type: [String], description: 'empty: every track' })
  tracks: string[];
}
