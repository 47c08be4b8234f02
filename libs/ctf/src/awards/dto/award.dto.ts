import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { AwardKind } from '../award-kind.enum';

export class CreateAwardDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  teamId: string;

  @ApiProperty({ description: 'points given (negative: taken)' })
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  value: number;

  @ApiProperty()
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class AwardDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  teamId: string;
  @ApiProperty()
  value: number;
  @ApiProperty()
  reason: string;
  @ApiProperty({ enum: AwardKind })
  kind: AwardKind;
  @ApiProperty()
  createdAt: string;
}
