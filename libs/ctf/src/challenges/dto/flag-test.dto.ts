import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
import { FlagInputDto } from './create-challenge.dto';

/** A candidate submission and the flags to try it against (the editor's flags, saved or not). */
export class FlagTestDto {
  @ApiProperty({ example: 'ACS{...}', description: 'tried as an attempt would be: trimmed first' })
  @IsString()
  @MaxLength(1000)
  submission: string;

  @ApiProperty({ type: [FlagInputDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FlagInputDto)
  flags: FlagInputDto[];
}

export class FlagTestResultDto {
  @ApiProperty({ description: 'the submission as the flags saw it (trimmed)' })
  submission: string;

  @ApiProperty({ description: 'true when at least one flag matches: an attempt with it would be correct' })
  correct: boolean;

  @ApiProperty({ type: [Number], description: 'the indexes (0-based, in the order sent) of the flags that match' })
  matching: number[];
}
