import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum } from 'class-validator';
import { StaffRole } from '../event-kind.enum';

export class AddStaffDto {
  @ApiProperty()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  email: string;

  @ApiProperty({ enum: StaffRole })
  @IsEnum(StaffRole)
  role: StaffRole;
}

export class StaffDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty()
  email: string;
  @ApiProperty()
  displayName: string;
  @ApiProperty({ enum: StaffRole })
  role: StaffRole;
}

/** What the caller may do in an event: organise it (event organisers and platform admins), judge it. */
export class MyEventRolesDto {
  @ApiProperty()
  organiser: boolean;
  @ApiProperty()
  judge: boolean;
}
