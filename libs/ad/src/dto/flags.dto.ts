import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';

/** Flag submission answers, as ForcAD and FAUST give them. */
export enum FlagVerdict {
  Ok = 'OK',
  Dup = 'DUP',
  Own = 'OWN',
  Old = 'OLD',
  Inv = 'INV',
}

export class SubmitFlagsDto {
  @ApiProperty({ type: [String], maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  flags: string[];
}

export class FlagResultDto {
  @ApiProperty() flag: string;
  @ApiProperty({ enum: FlagVerdict, enumName: 'FlagVerdict' }) status: FlagVerdict;
}

export class SubmitFlagsResultDto {
  @ApiProperty({ type: [FlagResultDto] }) results: FlagResultDto[];
}

export class TeamTokenDto {
  @ApiProperty() teamId: string;
  @ApiProperty() teamName: string;
  @ApiProperty({ description: 'the first line of a TCP flag submission' }) token: string;
  @ApiProperty({ type: Number, nullable: true, description: "the TCP flag submission's port on this server (AD_TCP_PORT); null when it is off" })
  tcpPort: number | null;
}
