import { LeaderboardNotifier } from '@arena/jobs';
import { AuthContext } from '@arena/common';
import { EventEntity } from '@arena/registration';
import { Injectable, Logger } from '@nestjs/common';
import { isOpenTo } from '../challenges/challenges.service';
import { ChallengesRepository } from '../challenges/challenges.repository';
import { CtfAccessService } from '../ctf-access.service';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { CtfStandingsService } from '../standings/ctf-standings.service';
import { HintEntity } from './entities/hint.entity';
import { HintsRepository } from './hints.repository';

const MAX_ROUNDS = 100;

export interface UnlockedHint {
  id: string;
  content: string;
  cost: number;
}

@Injectable()
export class HintsService {
  private readonly logger = new Logger(HintsService.name);

  constructor(
    private readonly hints: HintsRepository,
    private readonly challenges: ChallengesRepository,
    private readonly access: CtfAccessService,
    private readonly standings: CtfStandingsService,
    private readonly leaderboards: LeaderboardNotifier,
  ) {}

  /** Charges the cost once per team (a negative award); refused with 409 when it exceeds the team's score. */
  async unlock(auth: AuthContext, slug: string, hintId: string): Promise<UnlockedHint> {
    const view = await this.access.view(auth, slug);
    const team = this.access.requireTeam(view);
    const hint = await this.hints.findInEvent(view.event.id, hintId);
    const { solved } = await this.challenges.teamProgress(team.id);
    if (!hint || !hint.challenge || !isOpenTo(hint.challenge, solved)) {
      throw new CtfError(CtfErrorCode.HintNotFound, `hint ${hintId} not found`);
    }
    const answer = { id: hint.id, content: hint.content, cost: hint.cost };
    // Free hints, and every hint once the event has ended (all are shown then), cost nothing.
    if (hint.cost === 0 || new Date() > view.event.endsAt) return answer;
    // Each failed round means another award of this team landed meanwhile, so the rounds are bounded by its awards.
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      if (await this.tryUnlock(auth, view.event, team.id, hint)) return answer;
    }
    throw new CtfError(CtfErrorCode.ScoreTooLow, 'the team score kept changing; try again');
  }

  /**
   * The score is computed before the team's lock is taken: the transaction holding the lock must not wait for
   * a second pooled connection, or concurrent unlocks exhaust the pool and hang every request. Awards are what
   * the lock serialises, so the score is read between two readings of the team's award totals (false when they
   * differ: try again) and, under the lock, adjusted by the awards added since. True once unlocked.
   */
  private async tryUnlock(auth: AuthContext, event: EventEntity, teamId: string, hint: HintEntity): Promise<boolean> {
    const before = await this.hints.awardTotals(teamId);
    const score = await this.standings.liveScore(event, teamId);
    const after = await this.hints.awardTotals(teamId);
    if (before.count !== after.count || before.sum !== after.sum) return false;
    await this.hints.withTeamLock(teamId, async (lock) => {
      if (await this.hints.isUnlocked(lock, hint.id, teamId)) return;
      const current = score + (await this.hints.awardTotals(teamId, lock)).sum - before.sum;
      if (current < hint.cost) {
        throw new CtfError(CtfErrorCode.ScoreTooLow, `this hint costs ${hint.cost} points; the team has ${current}`);
      }
      await this.hints.unlock(lock, hint, { eventId: event.id, teamId, userId: auth.userId });
      this.logger.log(`team ${teamId} unlocked hint ${hint.id} for ${hint.cost}`);
    });
    await this.leaderboards.changed(event.id);
    return true;
  }
}
