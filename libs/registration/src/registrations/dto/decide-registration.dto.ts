import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsUUID } from 'class-validator';
import { RegistrationStatus } from '../registration-status.enum';
import { RegistrationDto } from './registration.dto';

/** What an organiser may set: approve, reject, or put back on the waitlist (a pending or rejected registration). */
export type Decision = RegistrationStatus.Approved | RegistrationStatus.Rejected | RegistrationStatus.Waitlisted;
const DECISIONS = [RegistrationStatus.Approved, RegistrationStatus.Rejected, RegistrationStatus.Waitlisted];

export class DecideRegistrationDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  status: Decision;
}

export class DecideRegistrationsDto extends DecideRegistrationDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 500 })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each of ids must be a UUID' })
  ids: string[];
}

export class RefusedDecisionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ description: 'The error code a single decision would answer, e.g. event-full' })
  code: string;
  @ApiProperty()
  message: string;
}

export class DecisionsResultDto {
  @ApiProperty({ type: [RegistrationDto], description: 'The registrations as decided' })
  decided: RegistrationDto[];
  @ApiProperty({ type: [RefusedDecisionDto], description: 'Those left as they were, and why' })
  refused: RefusedDecisionDto[];
  @ApiProperty({ type: [RegistrationDto], description: 'Waitlisted registrations moved into the places the decisions freed' })
  promoted: RegistrationDto[];
}
