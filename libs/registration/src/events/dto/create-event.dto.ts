import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
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
  ValidateNested,
} from 'class-validator';
import { ApprovalMode, EventKind, LeaderboardVisibility } from '../event-kind.enum';

// ISO 8601 strings only (a bare number is not a time).
const toDate = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : value === null ? null : value;

const upperList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim().toUpperCase() : item)) : value;

export class RegistrationSettingsDto {
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Transform(toDate)
  @IsDate({ message: 'registration.opensAt must be an ISO 8601 time' })
  opensAt?: Date | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Default: the event end' })
  @IsOptional()
  @Transform(toDate)
  @IsDate({ message: 'registration.closesAt must be an ISO 8601 time' })
  closesAt?: Date | null;

  @ApiPropertyOptional({ enum: ApprovalMode, default: ApprovalMode.Auto })
  @IsOptional()
  @IsEnum(ApprovalMode)
  approval?: ApprovalMode;

  @ApiPropertyOptional({ description: 'Approved plus pending registrations; the rest are waitlisted' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  capacity?: number | null;

  @ApiPropertyOptional({ type: [String], example: ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'KR'] })
  @IsOptional()
  @Transform(upperList)
  @ArrayMaxSize(250)
  @ArrayUnique()
  @IsISO31661Alpha2({ each: true })
  eligibleCountries?: string[];
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
  @IsOptional()
  @IsBoolean()
  lockAtStart?: boolean;
}

export class AdSettingsDto {
  @ApiProperty()
  @IsInt()
  @Min(10)
  @Max(3600)
  tickSeconds: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(100)
  flagLifetimeTicks: number;

  @ApiProperty({ example: 'ACS' })
  @Matches(/^[A-Za-z0-9_]{1,16}$/, { message: 'ad.flagPrefix must be 1-16 letters, digits or _' })
  flagPrefix: string;
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
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ApiProperty({ enum: EventKind })
  @IsEnum(EventKind)
  kind: EventKind;

  @ApiProperty({ type: String, format: 'date-time' })
  @Transform(toDate)
  @IsDate({ message: 'startsAt must be an ISO 8601 time' })
  startsAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  @Transform(toDate)
  @IsDate({ message: 'endsAt must be an ISO 8601 time' })
  endsAt: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Transform(toDate)
  @IsDate({ message: 'freezeAt must be an ISO 8601 time' })
  freezeAt?: Date | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  listed?: boolean;

  @ApiPropertyOptional({ enum: LeaderboardVisibility, default: LeaderboardVisibility.Public })
  @IsOptional()
  @IsEnum(LeaderboardVisibility)
  leaderboardVisibility?: LeaderboardVisibility;

  @ApiPropertyOptional({ type: RegistrationSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RegistrationSettingsDto)
  registration?: RegistrationSettingsDto;

  @ApiPropertyOptional({ type: TeamSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TeamSettingsDto)
  teams?: TeamSettingsDto;

  @ApiPropertyOptional({ type: [String], example: ['general', 'student'] })
  @IsOptional()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/, { each: true, message: 'each of divisions must be 1-32 lower-case letters, digits, _ or -' })
  divisions?: string[];

  @ApiPropertyOptional({ type: AdSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AdSettingsDto)
  ad?: AdSettingsDto;
}
