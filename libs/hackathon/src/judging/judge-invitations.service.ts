import { AuthContext } from '@arena/common';
import { Injectable, Logger } from '@nestjs/common';
import { HackathonAccessService } from '../hackathon-access.service';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';
import { InviteJudgeDto, InviteJudgeResultDto, JudgeInvitationDto } from './dto/judge-invitation.dto';
import { JudgeInvitationsRepository } from './judge-invitations.repository';
import { JudgesRepository } from './judges.repository';

/**
 * Judges invited by email: an existing account becomes a judge at once; otherwise the account later created with that
 * email does, claimed by the users table's trigger in the insert's transaction (migration JudgeInvitationClaim), so a
 * sign-up stays one statement.
 */
@Injectable()
export class JudgeInvitationsService {
  private readonly logger = new Logger(JudgeInvitationsService.name);

  constructor(
    private readonly access: HackathonAccessService,
    private readonly invitations: JudgeInvitationsRepository,
    private readonly judges: JudgesRepository,
  ) {}

  async invite(auth: AuthContext, slug: string, dto: InviteJudgeDto): Promise<InviteJudgeResultDto> {
    const { event, settings } = await this.access.organiserView(auth, slug);
    const unknown = (dto.tracks ?? []).filter((track) => !settings.tracks.includes(track));
    if (unknown.length) throw new HackathonError(HackathonErrorCode.UnknownTrack, `tracks: unknown ${unknown.join(', ')}`);
    const result = await this.invitations.withEmailLock(dto.email, async (manager): Promise<InviteJudgeResultDto> => {
      const account = await this.invitations.accountByEmail(manager, dto.email);
      if (account) {
        await this.judges.addJudge(manager, event.id, account.id, dto.tracks);
        const tracks = dto.tracks ?? (await this.judges.judgeTracks(event.id, manager)).get(account.id) ?? [];
        return { status: 'added', judge: { judgeId: account.id, displayName: account.displayName, country: account.country, tracks }, invitation: null };
      }
      const invitation = await this.invitations.upsert(manager, { eventId: event.id, email: dto.email, tracks: dto.tracks ?? [], invitedBy: auth.userId });
      return { status: 'invited', judge: null, invitation: JudgeInvitationDto.from(invitation) };
    });
    this.logger.log(`judge ${result.status} in event ${event.id} by user ${auth.userId}${result.judge ? ` (user ${result.judge.judgeId})` : ''}`);
    return result;
  }

  async list(auth: AuthContext, slug: string): Promise<JudgeInvitationDto[]> {
    const { event } = await this.access.organiserView(auth, slug);
    return (await this.invitations.forEvent(event.id)).map((invitation) => JudgeInvitationDto.from(invitation));
  }

  async revoke(auth: AuthContext, slug: string, id: string): Promise<void> {
    const { event } = await this.access.organiserView(auth, slug);
    if (!(await this.invitations.remove(event.id, id))) throw new HackathonError(HackathonErrorCode.InvitationNotFound, `invitation ${id} not found`);
    this.logger.log(`judge invitation ${id} of event ${event.id} revoked by user ${auth.userId}`);
  }
}
