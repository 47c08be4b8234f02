import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RegistrationStatus } from '../registration-status.enum';

export class DecideRegistrationDto {
  @ApiProperty({ enum: [RegistrationStatus.Approved, RegistrationStatus.Rejected] })
  @IsIn([RegistrationStatus.Approved, RegistrationStatus.Rejected])
  status: RegistrationStatus.Approved | RegistrationStatus.Rejected;
}
