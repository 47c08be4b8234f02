import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsOptional, IsString, IsUrl, Length, MaxLength, ValidateIf } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const IsOptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
const webUrl = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateProjectDto {
  @ApiProperty({ example: 'Mekong flood alerts' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ description: 'one paragraph' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  summary: string;

  @ApiPropertyOptional({ description: 'Markdown' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100_000)
  description?: string;

  @ApiProperty({ example: 'https://github.com/team/project' })
  @IsUrl(webUrl, { message: 'repoUrl must be an http(s) URL' })
  @MaxLength(2048)
  repoUrl: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://youtu.be/…' })
  @IsOptional()
  @IsUrl(webUrl, { message: 'videoUrl must be an http(s) URL' })
  @MaxLength(2048)
  videoUrl?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: "one of the event's tracks (or use tracks)" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  track?: string | null;

  @ApiPropertyOptional({ type: [String], description: "several of the event's tracks" })
  @IsOptionalNotNull()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  tracks?: string[];
}
