import { UnlessAbsent } from '@arena/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateAnnouncementDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ description: 'Markdown' })
  @IsString()
  @Length(1, 20_000)
  body: string;
}

/** An edit: the fields given replace the stored ones. */
export class UpdateAnnouncementDto {
  @ApiPropertyOptional()
  @UnlessAbsent()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ description: 'Markdown' })
  @UnlessAbsent()
  @IsString()
  @Length(1, 20_000)
  body?: string;
}

export class AnnouncementDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  title: string;
  @ApiProperty()
  body: string;
  @ApiProperty()
  createdAt: string;
}
