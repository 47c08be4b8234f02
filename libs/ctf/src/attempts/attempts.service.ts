import { ChangeScope, LeaderboardNotifier } from '@arena/jobs';
import { AuthContext, isForeignKeyViolation, Page } from '@arena/common';
import { challengeValue } from '@arena/scoring';
import { TeamsService } from '@arena/teams';
import { Injectable, Logger } from '@nestjs/common';
import { BoardCallers, ProgressChange } from '../challenges/board-callers';
import { valueParams } from '../challenges/challenge-view';
import { challengeNotFound, ChallengesService } from '../challenges/challenges.service';
import { matchesAnyFlag } from '../challenges/flag-matcher';
import { CtfAccessService } from '../ctf-access.service';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { ctfSettings } from '../ctf-settings';
import { AttemptVerdict } from './attempt-verdict.enum';
import { AttemptLogRepository } from './attempt-log.repository';
import { AttemptOutcome, AttemptRow, AttemptsRepository } from './attempts.repository';
import { AttemptLogDto, AttemptResultDto, ListAttemptsDto } from './dto/attempt.dto';
import { AttemptsBatcher } from './attempts.batcher';
import { WrongAttemptsLimiter } from './wrong-attempts.limiter';

// The caller's team was disbanded while the attempt was on its way (its membership was read from memory).
const teamGone = () => new CtfError(CtfErrorCode.NotInTeam, 'join a team of this event first');
const noAttemptsLeft = () => new CtfError(CtfErrorCode.NoAttemptsLeft, 'no attempts left on this challenge');

@Injectable()
export class AttemptsService {
  private readonly logger = new Logger(AttemptsService.name);

  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly log: AttemptLogRepository,
    private readonly access: CtfAccessService,
    private readonly challenges: ChallengesService,
    private readonly limiter: WrongAttemptsLimiter,
    private readonly batch: AttemptsBatcher,
    private readonly leaderboards: LeaderboardNotifier,
    teams: TeamsService,
    private readonly callers: BoardCallers,
  ) {
    // Attempts and hint unlocks have no foreign key to teams: an organiser's disband asks here before erasing a team.
    teams.onHistoryCheck((manager, team) => this.attempts.teamHasUnlinkedRecords(manager, team.eventId, team.id));
  }

  /**
   * One round trip to PostgreSQL: the event, membership, challenge (with flags) and solve counts come from memory,
   * and the attempts arriving together share one statement that checks each team's state, stores the attempt and
   * answers, first solves included. Wrong flags first take one unit of the team's brake in Redis.
   */
  async attempt(auth: AuthContext, slug: string, challengeId: string, rawSubmission: string, ip: string | null): Promise<AttemptResultDto> {
    const view = await this.access.participantView(auth, slug);
    const team = this.access.requireTeam(view);
    if (new Date() > view.event.endsAt) throw new CtfError(CtfErrorCode.OutsideWindow, 'the event has ended');
    const challenge = await this.challenges.forAttempt(view, challengeId);
    // Flags see the trimmed submission (contract); the stored copy is bounded.
    const submission = rawSubmission.trim();
    const row: AttemptRow = { eventId: view.event.id, challengeId, teamId: team.id, userId: auth.userId, submission: submission.slice(0, 1000), ip };
    // While frozen, participants are answered the frozen value, as their board shows it.
    const valueAt = (solves: number) => challengeValue(valueParams(challenge), solves);
    const currentValue = async () => valueAt(await this.challenges.solveCount(view, challengeId));

    // The right flag is never braked for earlier guesses.
    const matched = matchesAnyFlag(challenge.flags ?? [], submission);
    if (!matched) {
      try {
        await this.limiter.consume(team.id, challengeId, ctfSettings(view.event).wrongAttemptsPerMinute);
      } catch (error) {
        // A solved challenge answers already_solved whatever the brake says (the rare path: one more query).
        if (error instanceof CtfError && error.code === CtfErrorCode.TooManyAttempts && (await this.attempts.recordIfSolved(row))) {
          return { status: AttemptVerdict.AlreadySolved, value: await currentValue() };
        }
        throw error;
      }
    }
    // A wrong count or a solve: the team's next challenge list shows it, whichever api process serves it.
    const stored = this.callers.storing(view.event.id, team.id);
    // Settled whatever happens (null: the statement failed, it may or may not have stored the attempt).
    let change: ProgressChange | null = null;
    let outcome: AttemptOutcome;
    try {
      outcome = await this.batch.record({ ...row, requirements: challenge.requirements, matched, cutoff: view.cutoff });
      change = outcome.verdict === AttemptVerdict.Correct ? { solved: challengeId } : outcome.verdict === AttemptVerdict.Incorrect ? { wrong: challengeId } : 'none';
    } catch (error) {
      // The team's row went between the statement's check and its solve (a disband committing meanwhile).
      throw isForeignKeyViolation(error) ? teamGone() : error;
    } finally {
      await stored(change);
    }
    this.assertStored(outcome, challengeId);
    if (outcome.verdict !== AttemptVerdict.Correct) {
      return { status: outcome.verdict as AttemptVerdict.Incorrect | AttemptVerdict.AlreadySolved, value: await currentValue() };
    }
    this.logger.log(`team ${team.id} solved challenge ${challengeId}`);
    // The statement's count misses its own solve: it counts unless frozen or hidden.
    const own = view.cutoff === null && !team.hidden ? 1 : 0;
    const solves = (outcome.solvesBefore ?? 0) + own;
    this.challenges.noteSolveCount(view, challengeId, solves);
    await this.notifySolve(view.event.id);
    return { status: AttemptVerdict.Correct, value: valueAt(solves) };
  }

  /**
   * A solve moves standings and solve counts only: the cached challenge definitions stay. The solve is committed:
   * a failed notice (Redis down a moment) must not answer it as an error, and the next change recomputes the board.
   */
  private async notifySolve(eventId: string): Promise<void> {
    try {
      await this.leaderboards.changed(eventId, ChangeScope.Solves);
    } catch (error) {
      this.logger.warn(`the leaderboard of event ${eventId} was not told of a solve: ${String(error)}`);
    }
  }

  /** A locked challenge is not found (as in the list); an attempt refused for the attempts left is a 403. */
  private assertStored(outcome: AttemptOutcome, challengeId: string): void {
    if (!outcome.teamExists) throw teamGone();
    if (!outcome.open) throw challengeNotFound(challengeId);
    if (outcome.verdict === null) throw noAttemptsLeft();
  }

  /** The organisers' log: filters, names, and how many other teams sent the same text within the window (flag sharing). */
  async list(auth: AuthContext, slug: string, query: ListAttemptsDto): Promise<Page<AttemptLogDto>> {
    const event = await this.access.organiserView(auth, slug);
    const { teamId, challengeId, verdict, since, until, shared, windowSeconds } = query;
    const page = await this.log.findPage(event.id, { teamId, challengeId, verdict, since, until, shared, windowSeconds }, query.limit, query.offset);
    return {
      total: page.total,
      items: page.items.map((attempt) => ({
        id: attempt.id,
        challengeId: attempt.challengeId,
        challengeName: attempt.challengeName,
        teamId: attempt.teamId,
        teamName: attempt.teamName,
        userId: attempt.userId,
        userName: attempt.userName,
        submission: attempt.submission,
        verdict: attempt.verdict,
        ip: attempt.ip,
        createdAt: attempt.createdAt.toISOString(),
        count: attempt.count,
        lastAt: (attempt.lastAt ?? attempt.createdAt).toISOString(),
        sharedWith: attempt.sharedWith,
      })),
    };
  }
}
