import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class TransferCaptainDto {
  @ApiProperty({ format: 'uuid', description: 'A member of the team' })
  @IsUUID()
  userId: string;
}
