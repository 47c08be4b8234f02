import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class JoinTeamDto {
  @ApiProperty()
  @IsString()
  @Length(1, 64)
  inviteCode: string;
}
