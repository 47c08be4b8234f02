import { ApiProperty } from '@nestjs/swagger';

export class MyVotesDto {
  @ApiProperty({ type: [String], description: 'the projects the caller voted for' })
  projectIds: string[];
  @ApiProperty()
  votesLeft: number;
}
