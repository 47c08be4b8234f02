import { Injectable } from '@nestjs/common';
import { InviteDto } from './dto/invite.dto';
import { InviteLookupsLimiter } from './invite-lookups.limiter';
import { TeamsError, TeamsErrorCode } from './teams.errors';
import { TeamsRepository } from './teams.repository';

/** Resolves an invite link (`/join/<code>`) to its event and team, for the page a teammate opens before joining. */
@Injectable()
export class InvitesService {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly limiter: InviteLookupsLimiter,
  ) {}

  async resolve(inviteCode: string, address: string): Promise<InviteDto> {
    await this.limiter.reserve(address);
    // Codes are 16 characters: a longer one is a miss without a query.
    const team = inviteCode.length <= 64 ? await this.teams.findByInviteCode(inviteCode) : null;
    // One answer for every miss (unknown, rotated, or a banned team's code): the code is the only secret.
    if (!team || team.banned) throw new TeamsError(TeamsErrorCode.TeamNotFound, 'no team has this invite code');
    await this.limiter.refund(address);
    return InviteDto.from(team);
  }
}
