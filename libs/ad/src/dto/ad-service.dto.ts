import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { AdServiceEntity } from '../entities/ad-service.entity';

/** The text fields of `POST /events/:slug/ad/services` (multipart, with the `checker` zip). */
export class CreateAdServiceDto {
  @ApiProperty({ example: 'notes' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, { message: 'name must be 1-32 letters, digits, _ or -' })
  name: string;

  @ApiProperty({ example: 8080 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  port: number;

  @ApiProperty({ example: 'python3 checker.py', description: 'run in the archive folder; no shell' })
  @Matches(/^\S.*$/, { message: 'checkerCommand must not be empty' })
  @MaxLength(500)
  checkerCommand: string;

  @ApiProperty({ example: 10, description: 'the tick must be at least 3 times this' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(600)
  checkerTimeoutSeconds: number;

  @ApiPropertyOptional({ default: 1, description: 'flag stores: one flag per store and tick' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  vulns?: number;
}

export class AdServiceDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() port: number;
  @ApiProperty() vulns: number;
  @ApiProperty() checkerTimeoutSeconds: number;
  @ApiPropertyOptional({ description: 'organisers only' }) checkerCommand?: string;

  static from(service: AdServiceEntity, organiser: boolean): AdServiceDto {
    const { id, name, port, vulns, checkerTimeoutSeconds } = service;
    return { id, name, port, vulns, checkerTimeoutSeconds, ...(organiser ? { checkerCommand: service.checkerCommand } : {}) };
  }
}
