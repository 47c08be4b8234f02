import { AuthContext } from '@arena/common';
import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'crypto';
import { HackathonAccessService } from '../hackathon-access.service';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';
import { ClaimJudgeInvitationDto, ClaimJudgeInvitationResultDto, InviteJudgeDto, InviteJudgeResultDto, JudgeInvitationDto } from './dto/judge-invitation.dto';
import { JudgeInvitationsRepository } from './judge-invitations.repository';
import { JudgesRepository } from './judges.repository';

const hashCode = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');

/**
 * Judges invited by email: an existing account becomes a judge at once; otherwise the invitation gets a one-time code
 * (192 random bits, only its SHA-256 stored) that the organiser passes on, and the signed-in account with that email
 * claims it. Registering the email alone grants nothing: sign-up does not prove the address is one's own.
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
    const result = await this.invitations.transaction(async (manager): Promise<InviteJudgeResultDto> => {
      const account = await this.invitations.accountByEmail(manager, dto.email);
      if (account) {
        await this.judges.addJudge(manager, event.id, account.id, dto.tracks);
        const tracks = dto.tracks ?? (await this.judges.judgeTracks(event.id, manager)).get(account.id) ?? [];
        return {
          status: 'added',
          judge: { judgeId: account.id, displayName: account.displayName, country: account.country, tracks },
          invitation: null,
          code: null,
          invitePath: null,
        };
      }
      const code = randomBytes(24).toString('base64url');
      const invitation = await this.invitations.upsert(manager, {
        eventId: event.id,
        email: dto.email,
        tracks: dto.tracks ?? [],
        invitedBy: auth.userId,
        codeHash: hashCode(code),
      });
      const invitePath = `/judging/invitations/claim?${new URLSearchParams({ event: event.slug, code }).toString()}`;
      return { status: 'invited', judge: null, invitation: JudgeInvitationDto.from(invitation), code, invitePath };
    });
    this.logger.log(`judge ${result.status} in event ${event.id} by user ${auth.userId}${result.judge ? ` (user ${result.judge.judgeId})` : ''}`);
    return result;
  }

  /**
   * The caller becomes a judge of the event when the code is this event's pending invitation for the caller's email.
   * Unknown, spent, revoked or another event's code: 404 alike; the right code from another account: 403 (the
   * invitation stays). The row lock settles two claims, or a claim and a revoke, racing: the second finds nothing.
   */
  async claim(auth: AuthContext, slug: string, dto: ClaimJudgeInvitationDto): Promise<ClaimJudgeInvitationResultDto> {
    const event = await this.access.hackathonEvent(slug);
    const tracks = await this.invitations.transaction(async (manager) => {
      const invitation = await this.invitations.lockByCode(manager, event.id, hashCode(dto.code));
      if (!invitation) throw new HackathonError(HackathonErrorCode.InvitationNotFound, 'no pending invitation has this code');
      const account = await this.invitations.accountById(manager, auth.userId);
      if (!account || account.email.toLowerCase() !== invitation.email.toLowerCase())
        throw new HackathonError(HackathonErrorCode.InvitationForAnotherEmail, 'this invitation is for another email: sign in with the invited one');
      await this.invitations.removeById(manager, invitation.id);
      await this.judges.addJudge(manager, event.id, account.id, invitation.tracks);
      return invitation.tracks;
    });
    this.logger.log(`judge invitation of event ${event.id} claimed by user ${auth.userId}`);
    return { slug: event.slug, tracks };
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
