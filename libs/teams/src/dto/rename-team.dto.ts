import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';

export class RenameTeamDto {
  @ApiProperty({ example: 'Garuda Cyber' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value))
  @IsString()
  @Length(1, 64)
  @Matches(/^[^\p{C}]+$/u, { message: 'name must not contain control characters' })
  name: string;
}
