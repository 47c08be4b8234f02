import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TeamRole } from '../team-role.enum';
import { TeamWithMembers } from '../teams.repository';

export class TeamMemberDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty()
  displayName: string;
  @ApiProperty()
  country: string;
  @ApiProperty({ enum: TeamRole })
  role: TeamRole;
}

export class PublicTeamDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  division: string | null;
  @ApiProperty({ type: [TeamMemberDto] })
  members: TeamMemberDto[];

  static from(team: TeamWithMembers): PublicTeamDto {
    return {
      id: team.id,
      name: team.name,
      division: team.division,
      members: team.members.map((member) => ({
        userId: member.userId,
        displayName: member.user?.displayName ?? '',
        country: member.user?.country ?? '',
        role: member.role,
      })),
    };
  }
}

/** What members see: the public view plus the invite code. */
export class TeamDto extends PublicTeamDto {
  @ApiProperty()
  inviteCode: string;

  static override from(team: TeamWithMembers): TeamDto {
    return { ...PublicTeamDto.from(team), inviteCode: team.inviteCode };
  }
}

/** What organisers see of a team they moderate: the public view plus its flags. */
export class ModeratedTeamDto extends PublicTeamDto {
  @ApiProperty()
  hidden: boolean;
  @ApiProperty()
  banned: boolean;

  static override from(team: TeamWithMembers): ModeratedTeamDto {
    return { ...PublicTeamDto.from(team), hidden: team.hidden, banned: team.banned };
  }
}
