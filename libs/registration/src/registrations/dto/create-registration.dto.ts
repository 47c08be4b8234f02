import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';

export class CreateRegistrationDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "Answers to the event's registration questions (`registration.questions`), by question id",
  })
  @IsOptional()
  @IsObject()
  answers?: Record<string, unknown>;
}
