import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsUUID, Matches, ValidateNested } from 'class-validator';

// An IPv4 or IPv6 address or a host name.
export const HOST_PATTERN = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?$/;

export class VulnboxInputDto {
  @ApiProperty()
  @IsUUID()
  teamId: string;

  @ApiProperty({ example: '10.60.1.2' })
  @Matches(HOST_PATTERN, { message: 'host must be an IP address or a host name' })
  host: string;
}

export class PutVulnboxesDto {
  @ApiProperty({ type: [VulnboxInputDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => VulnboxInputDto)
  vulnboxes: VulnboxInputDto[];
}

export class VulnboxDto {
  @ApiProperty() teamId: string;
  @ApiProperty() teamName: string;
  @ApiProperty() host: string;
}
