import { AuthContext } from '@arena/common';
import { Injectable, Logger } from '@nestjs/common';
import { isOpenTo } from '../challenges/challenges.service';
import { ChallengesRepository } from '../challenges/challenges.repository';
import { CtfAccessService } from '../ctf-access.service';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { CtfStandingsService } from '../standings/ctf-standings.service';
import { HintsRepository } from './hints.repository';

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
    if (hint.cost === 0) return answer;
    await this.hints.withTeamLock(team.id, async (lock) => {
      if (await this.hints.isUnlocked(lock, hint.id, team.id)) return;
      const score = await this.standings.liveScore(view.event, team.id);
      if (score < hint.cost) {
        throw new CtfError(CtfErrorCode.ScoreTooLow, `this hint costs ${hint.cost} points; the team has ${score}`);
      }
      await this.hints.unlock(lock, hint, { eventId: view.event.id, teamId: team.id, userId: auth.userId });
      this.logger.log(`team ${team.id} unlocked hint ${hint.id} for ${hint.cost}`);
    });
    return answer;
  }
}
