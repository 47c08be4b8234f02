import { LeaderboardNotifier } from '@arena/jobs';
import { AuthContext, Page } from '@arena/common';
import { challengeValue } from '@arena/scoring';
import { Injectable, Logger } from '@nestjs/common';
import { valueParams } from '../challenges/challenge-view';
import { ChallengesService } from '../challenges/challenges.service';
import { matchesAnyFlag } from '../challenges/flag-matcher';
import { CtfAccessService } from '../ctf-access.service';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { ctfSettings } from '../ctf-settings';
import { AttemptVerdict } from './attempt-verdict.enum';
import { AttemptRow, AttemptsRepository } from './attempts.repository';
import { AttemptLogDto, AttemptResultDto, ListAttemptsDto } from './dto/attempt.dto';
import { WrongAttemptsLimiter } from './wrong-attempts.limiter';

const noAttemptsLeft = () => new CtfError(CtfErrorCode.NoAttemptsLeft, 'no attempts left on this challenge');

@Injectable()
export class AttemptsService {
  private readonly logger = new Logger(AttemptsService.name);

  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly access: CtfAccessService,
    private readonly challenges: ChallengesService,
    private readonly limiter: WrongAttemptsLimiter,
    private readonly leaderboards: LeaderboardNotifier,
  ) {}

  /** Few round trips: the event and membership from memory, one read of the team's state, one write that answers. */
  async attempt(auth: AuthContext, slug: string, challengeId: string, rawSubmission: string, ip: string | null): Promise<AttemptResultDto> {
    const view = await this.access.participantView(auth, slug);
    const team = this.access.requireTeam(view);
    if (new Date() > view.event.endsAt) throw new CtfError(CtfErrorCode.OutsideWindow, 'the event has ended');
    const { challenge, solved, wrong } = await this.challenges.openForTeam(view, team.id, challengeId);
    // Flags see the trimmed submission (contract); the stored copy is bounded.
    const submission = rawSubmission.trim();
    const row: AttemptRow = { eventId: view.event.id, challengeId, teamId: team.id, userId: auth.userId, submission: submission.slice(0, 1000), ip };
    // While frozen, participants are answered the frozen value, as their board shows it.
    const valueAt = (solves: number) => challengeValue(valueParams(challenge), solves);
    if (solved.has(challengeId)) {
      await this.attempts.recordAfterSolve(row);
      return { status: AttemptVerdict.AlreadySolved, value: valueAt(await this.attempts.solveCount(challengeId, view.cutoff)) };
    }
    if (challenge.maxAttempts > 0 && wrong >= challenge.maxAttempts) throw noAttemptsLeft();
    if (matchesAnyFlag(challenge.flags ?? [], submission)) {
      const { verdict, solves } = await this.attempts.recordCorrect(row, view.cutoff);
      if (verdict === AttemptVerdict.Correct) {
        this.logger.log(`team ${team.id} solved challenge ${challengeId}`);
        await this.leaderboards.changed(view.event.id);
      }
      return { status: verdict, value: valueAt(solves) };
    }
    // Only wrong attempts are braked: the right flag is never refused for earlier guesses.
    await this.limiter.consume(team.id, challengeId, ctfSettings(view.event).wrongAttemptsPerMinute);
    const result = await this.attempts.recordWrong(row, challenge.maxAttempts, view.cutoff);
    if (result.wrong === null) throw noAttemptsLeft();
    return { status: AttemptVerdict.Incorrect, value: valueAt(result.solves) };
  }

  async list(auth: AuthContext, slug: string, query: ListAttemptsDto): Promise<Page<AttemptLogDto>> {
    const event = await this.access.organiserView(auth, slug);
    const { teamId, challengeId, verdict } = query;
    const filter = { ...(teamId ? { teamId } : {}), ...(challengeId ? { challengeId } : {}), ...(verdict ? { verdict } : {}) };
    const page = await this.attempts.findPage(event.id, filter, query.limit, query.offset);
    return {
      total: page.total,
      items: page.items.map((attempt) => ({
        id: attempt.id,
        challengeId: attempt.challengeId,
        teamId: attempt.teamId,
        userId: attempt.userId,
        submission: attempt.submission,
        verdict: attempt.verdict,
        ip: attempt.ip,
        createdAt: attempt.createdAt.toISOString(),
      })),
    };
  }
}
