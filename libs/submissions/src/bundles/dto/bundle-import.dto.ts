import { ApiProperty } from '@nestjs/swagger';
import { TaskDto } from '../../tasks/dto/task.dto';

export class BundlePhasesDto {
  @ApiProperty({ description: 'the phase scored on the public board (the first: development)' })
  public: string;
  @ApiProperty({ description: 'the phase scored on the private board (the last: final)' })
  private: string;
}

/** What `POST /events/:slug/tasks/import` made of a CodaLab or Codabench bundle. */
export class BundleImportResultDto {
  @ApiProperty({ enum: ['codalab', 'codabench'], description: 'codalab: competition.yaml v1; codabench: version 2' })
  format: 'codalab' | 'codabench';
  @ApiProperty({ type: [TaskDto] })
  tasks: TaskDto[];
  @ApiProperty({ type: BundlePhasesDto })
  phases: BundlePhasesDto;
  @ApiProperty({ type: [String], description: 'the leaderboard columns, the ranking one (scoreKey) first; every key the scorer writes is stored' })
  columns: string[];
  @ApiProperty({ type: [String], description: 'what the bundle has that Arena does not use, each named' })
  warnings: string[];
}
