import { ApiProperty } from '@nestjs/swagger';
import { JudgingMode } from '../../settings/judging-mode.enum';

export class MyJudgingEventDto {
  @ApiProperty()
  slug: string;
  @ApiProperty()
  title: string;
  @ApiProperty()
  startsAt: string;
  @ApiProperty()
  endsAt: string;
  @ApiProperty({ enum: JudgingMode })
  mode: JudgingMode;
  @ApiProperty()
  judgingClosed: boolean;
  @ApiProperty({ description: "the caller's active (not recused) assignments" })
  assigned: number;
  @ApiProperty({ description: 'how many of them the caller has scored' })
  scored: number;
}
