import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateTeamDto {
  @ApiProperty({ example: 'Garuda Cyber' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value))
  @IsString()
  @Length(1, 64)
  @Matches(/^[^\p{C}]+$/u, { message: 'name must not contain control characters' })
  name: string;

  @ApiPropertyOptional({ example: 'student', description: "One of the event's divisions; required when it has any" })
  @IsOptional()
  @IsString()
  division?: string;
}
