import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';

export class CreateRegistrationDto {
  @ApiPropertyOptional({ description: 'Answers to the organiser\'s custom questions, stored as JSON' })
  @IsOptional()
  @IsObject()
  answers?: Record<string, unknown>;
}
