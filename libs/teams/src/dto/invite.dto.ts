import { ApiProperty } from '@nestjs/swagger';
import { TeamEntity } from '../entities/team.entity';

/** What an invite link shows before joining: where it leads, nothing about the members. */
export class InviteDto {
  @ApiProperty({ example: 'acs-2026-prelim' })
  eventSlug: string;
  @ApiProperty()
  eventTitle: string;
  @ApiProperty()
  teamName: string;

  static from(team: TeamEntity & { event: { slug: string; title: string } }): InviteDto {
    return { eventSlug: team.event.slug, eventTitle: team.event.title, teamName: team.name };
  }
}
