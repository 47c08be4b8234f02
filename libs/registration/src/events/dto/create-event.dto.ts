import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsISO31661Alpha2,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { toIsoTime } from '@arena/common';
import { ApprovalMode, EventKind, LeaderboardVisibility } from '../event-kind.enum';
import { RegistrationQuestionDto } from './registration-question.dto';

// ISO 8601 times with a zone only (toIsoTime). Messages of nested DTOs leave out the parent:
// the validation pipe prefixes it (`registration.opensAt …`).
const toDate = toIsoTime;

// Optional but never null: these columns have defaults, not NULL (null would reach the database).
// The nullable ones (freezeAt, registration times and capacity, ad) keep IsOptional, where null clears them.
const IsOptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

const upperList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? (value as unknown[]).map((item) => (typeof item === 'string' ? item.trim().toUpperCase() : item)) : value;

export class RegistrationSettingsDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @Transform(toDate)
  @IsDate({ message: 'opensAt must be an ISO 8601 time with a zone, e.g. 2026-11-27T09:00:00Z' })
  opensAt?: Date | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Default: the event end' })
  @IsOptional()
  @Transform(toDate)
  @IsDate({ message: 'closesAt must be an ISO 8601 time with a zone, e.g. 2026-11-27T09:00:00Z' })
  closesAt?: Date | null;

  @ApiPropertyOptional({ enum: ApprovalMode, default: ApprovalMode.Auto })
  @IsOptionalNotNull()
  @IsEnum(ApprovalMode)
  approval?: ApprovalMode;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Approved plus pending registrations; the rest are waitlisted' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  capacity?: number | null;

  @ApiPropertyOptional({ type: [String], example: ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'KR'] })
  @IsOptionalNotNull()
  @Transform(upperList)
  @ArrayMaxSize(250)
  @ArrayUnique()
  @IsISO31661Alpha2({ each: true })
  eligibleCountries?: string[];

  @ApiPropertyOptional({ type: [RegistrationQuestionDto], description: 'The registration form; [] for none. Replaced as a whole.' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique((question: RegistrationQuestionDto) => question?.id, { message: 'questions must have distinct ids' })
  @ValidateNested({ each: true })
  @Type(() => RegistrationQuestionDto)
  questions?: RegistrationQuestionDto[];
}

export class TeamSettingsDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  minSize: number;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  maxSize: number;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNotNull()
  @IsBoolean()
  lockAtStart?: boolean;
}

export class AdSettingsDto {
  @ApiProperty({ minimum: 3, maximum: 3600 })
  @IsInt()
  @Min(3)
  @Max(3600)
  tickSeconds: number;

  @ApiPropertyOptional({ default: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  flagLifetimeTicks?: number;

  @ApiProperty({ example: 'ACS' })
  @Matches(/^[A-Za-z0-9_]{1,16}$/, { message: 'flagPrefix must be 1-16 letters, digits or _' })
  flagPrefix: string;
}

export class CtfSettingsDto {
  @ApiPropertyOptional({ default: 10, description: 'wrong attempts per team and challenge per minute' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(10_000)
  wrongAttemptsPerMinute?: number;

  @ApiPropertyOptional({ default: 0, description: 'points for the first solver of each challenge' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  firstBloodBonus?: number;
}

export class CreateEventDto {
  @ApiProperty({ example: 'acs-2026-prelim' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'slug must be 2-63 lower-case letters, digits or -' })
  slug: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ApiProperty({ enum: EventKind })
  @IsEnum(EventKind)
  kind: EventKind;

  @ApiProperty({ type: String, format: 'date-time' })
  @Transform(toDate)
  @IsDate({ message: 'startsAt must be an ISO 8601 time with a zone, e.g. 2026-11-27T09:00:00Z' })
  startsAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  @Transform(toDate)
  @IsDate({ message: 'endsAt must be an ISO 8601 time with a zone, e.g. 2026-11-27T09:00:00Z' })
  endsAt: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @Transform(toDate)
  @IsDate({ message: 'freezeAt must be an ISO 8601 time with a zone, e.g. 2026-11-27T09:00:00Z' })
  freezeAt?: Date | null;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNotNull()
  @IsBoolean()
  listed?: boolean;

  @ApiPropertyOptional({ enum: LeaderboardVisibility, default: LeaderboardVisibility.Public })
  @IsOptionalNotNull()
  @IsEnum(LeaderboardVisibility)
  leaderboardVisibility?: LeaderboardVisibility;

  @ApiPropertyOptional({ type: RegistrationSettingsDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => RegistrationSettingsDto)
  registration?: RegistrationSettingsDto;

  @ApiPropertyOptional({ type: TeamSettingsDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => TeamSettingsDto)
  teams?: TeamSettingsDto;

  @ApiPropertyOptional({ type: [String], example: ['general', 'student'] })
  @IsOptionalNotNull()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/, { each: true, message: 'each of divisions must be 1-32 lower-case letters, digits, _ or -' })
  divisions?: string[];

  @ApiPropertyOptional({ type: AdSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AdSettingsDto)
  ad?: AdSettingsDto;

  @ApiPropertyOptional({ type: CtfSettingsDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => CtfSettingsDto)
  ctf?: CtfSettingsDto;
}
