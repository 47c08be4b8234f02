import { ChangeScope, LeaderboardNotifier } from '@arena/jobs';
import { AuthContext } from '@arena/common';
import { EventEntity } from '@arena/registration';
import { Injectable, Logger } from '@nestjs/common';
import { isOpenTo } from '../challenges/challenges.service';
import { ChallengesRepository } from '../challenges/challenges.repository';
import { BoardCallers } from '../challenges/board-callers';
import { CtfAccessService } from '../ctf-access.service';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { ctfSettings } from '../ctf-settings';
import { HintEntity } from './entities/hint.entity';
import { HintsRepository } from './hints.repository';
import { teamScore } from './team-score';

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
    private readonly leaderboards: LeaderboardNotifier,
    private readonly callers: BoardCallers,
  ) {}

  /** Charges the cost once per team (a negative award); refused with 409 when it exceeds the team's live score. */
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
    if (await this.charge(auth, view.event, team.id, hint)) {
      // The team's next challenge list shows the unlock, whichever api process serves it.
      await this.callers.teamChanged(view.event.id, team.id);
      await this.leaderboards.changed(view.event.id, ChangeScope.Scores);
    }
    return answer;
  }

  /**
   * Under the team's lock (concurrent unlocks of one team run one at a time, so two cannot spend the same points),
   * reads the team's own live score in one query and records the unlock and its cost. False when already unlocked.
   */
  private charge(auth: AuthContext, event: EventEntity, teamId: string, hint: HintEntity): Promise<boolean> {
    return this.hints.withTeamLock(teamId, async (lock) => {
      if (await this.hints.isUnlocked(lock, hint.id, teamId)) return false;
      const score = teamScore(await this.hints.teamScoreParts(lock, event.id, teamId), ctfSettings(event).firstBloodBonus);
      if (score < hint.cost) {
        throw new CtfError(CtfErrorCode.ScoreTooLow, `this hint costs ${hint.cost} points; the team has ${score}`);
      }
      await this.hints.unlock(lock, hint, { eventId: event.id, teamId, userId: auth.userId });
      this.logger.log(`team ${teamId} unlocked hint ${hint.id} for ${hint.cost}`);
      return true;
    });
  }
}
