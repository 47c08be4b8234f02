import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RegistrationEntity } from '../entities/registration.entity';
import { RegistrationStatus } from '../registration-status.enum';

export class RegistrationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  eventId: string;
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty({ enum: RegistrationStatus })
  status: RegistrationStatus;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "Answers to the event's registration questions, by question id (strings); free-form on an event without questions",
  })
  answers: Record<string, unknown>;
  @ApiProperty()
  createdAt: string;
  @ApiPropertyOptional({
    description: 'Organiser lists only',
    type: 'object',
    properties: { displayName: { type: 'string' }, email: { type: 'string' }, country: { type: 'string' } },
    required: ['displayName', 'email', 'country'],
  })
  user?: { displayName: string; email: string; country: string };

  static from(row: RegistrationEntity): RegistrationDto {
    return {
      id: row.id,
      eventId: row.eventId,
      userId: row.userId,
      status: row.status,
      answers: row.answers,
      createdAt: row.createdAt.toISOString(),
      ...(row.user ? { user: { displayName: row.user.displayName, email: row.user.email, country: row.user.country } } : {}),
    };
  }
}
