import { ApiProperty } from '@nestjs/swagger';

export class ImportedChallengeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'false when a challenge of that name existed and was updated' })
  created: boolean;
}

export class ImportResultDto {
  @ApiProperty({ type: [ImportedChallengeDto], description: 'in the order they were written (prerequisites first)' })
  imported: ImportedChallengeDto[];

  @ApiProperty({ type: [String], description: 'unknown keys ignored, files not attached, and the like' })
  warnings: string[];
}
