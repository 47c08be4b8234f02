import { ApiProperty } from '@nestjs/swagger';

export class AdServiceStatusDto {
  @ApiProperty() name: string;
  @ApiProperty({ description: 'OK, RECOVERING, MUMBLE, CORRUPT, DOWN or CHECK_FAILED; null before the first check', nullable: true, type: String })
  status: string | null;
  @ApiProperty() message: string;
  @ApiProperty({ description: 'the tick of that status (0: none yet)' }) tick: number;
  @ApiProperty() attack: number;
  @ApiProperty() defence: number;
  @ApiProperty() sla: number;
}

export class AdStatusRowDto {
  @ApiProperty() teamId: string;
  @ApiProperty() teamName: string;
  @ApiProperty() attack: number;
  @ApiProperty() defence: number;
  @ApiProperty() sla: number;
  @ApiProperty() total: number;
  @ApiProperty({ type: [AdServiceStatusDto] }) services: AdServiceStatusDto[];
}

export class AdStatusDto {
  @ApiProperty({ description: 'the last started tick (0 before the game)' }) tick: number;
  @ApiProperty() frozen: boolean;
  @ApiProperty({ type: [AdStatusRowDto] }) rows: AdStatusRowDto[];
}

export class AttackInfoFlagDto {
  @ApiProperty() tick: number;
  @ApiProperty() vuln: number;
  @ApiProperty() flagId: string;
}

export class AttackInfoServiceDto {
  @ApiProperty() name: string;
  @ApiProperty({ type: [AttackInfoFlagDto] }) flagIds: AttackInfoFlagDto[];
}

export class AttackInfoTeamDto {
  @ApiProperty() teamId: string;
  @ApiProperty() teamName: string;
  @ApiProperty() host: string;
  @ApiProperty({ type: [AttackInfoServiceDto] }) services: AttackInfoServiceDto[];
}

export class AttackInfoDto {
  @ApiProperty() tick: number;
  @ApiProperty({ type: [AttackInfoTeamDto] }) teams: AttackInfoTeamDto[];
}

export class AdCheckDto {
  @ApiProperty() tick: number;
  @ApiProperty() teamId: string;
  @ApiProperty() service: string;
  @ApiProperty() action: string;
  @ApiProperty() vuln: number;
  @ApiProperty() flagTick: number;
  @ApiProperty() status: string;
  @ApiProperty() message: string;
  @ApiProperty({ description: "the checker's stderr and how it ended" }) output: string;
  @ApiProperty() durationMs: number;
  @ApiProperty() createdAt: string;
}
