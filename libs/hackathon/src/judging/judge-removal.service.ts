import { AuthContext } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { HackathonAccessService } from '../hackathon-access.service';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';
import { PairwiseRepository } from '../pairwise/pairwise.repository';
import { SettingsRepository } from '../settings/settings.repository';
import { AssignmentsRepository } from './assignments.repository';
import { JudgeRemovedDto } from './dto/judge.dto';
import { JudgesRepository } from './judges.repository';
import { RecusalsService } from './recusals.service';

/**
 * Takes a judge off an event. While judging is open it is a recusal from everything: each active assignment ends (its
 * scores dropped) and its project goes to the least-loaded eligible judge, their pairwise votes are withdrawn. Once
 * judging is closed or results are published the judge's scores are the results: refused (409).
 */
@Injectable()
export class JudgeRemovalService {
  private readonly logger = new Logger(JudgeRemovalService.name);

  constructor(
    private readonly access: HackathonAccessService,
    private readonly settings: SettingsRepository,
    private readonly judges: JudgesRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly recusals: RecusalsService,
    private readonly pairwise: PairwiseRepository,
    private readonly leaderboards: LeaderboardNotifier,
  ) {}

  async remove(auth: AuthContext, slug: string, judgeId: string): Promise<JudgeRemovedDto> {
    const { event } = await this.access.organiserView(auth, slug);
    // The write lock: scores (read lock) and recusals (write lock) wait, and the role goes before anyone else is picked.
    const outcome = await this.settings.withLock(event.id, 'write', async ({ manager, settings }) => {
      if (settings.resultsPublishedAt) throw new HackathonError(HackathonErrorCode.JudgingClosed, 'results are published: their judges stay (unpublish and reopen judging first)');
      if (settings.judgingClosed) throw new HackathonError(HackathonErrorCode.JudgingClosed, 'judging is closed: its judges stay (reopen judging first)');
      if (!(await this.judges.removeJudge(manager, event.id, judgeId))) throw new HackathonError(HackathonErrorCode.JudgeNotFound, `user ${judgeId} is not a judge of ${slug}`);
      const result: JudgeRemovedDto = { judgeId, recused: 0, reassigned: 0, unassigned: 0, scoresDropped: 0, votesWithdrawn: 0 };
      for (const assignment of await this.assignments.activeOfJudge(manager, event.id, judgeId)) {
        const scored = await this.assignments.hasScored(manager, assignment.projectId, judgeId);
        const recusal = await this.recusals.recuseAndReplace(manager, event, settings, assignment.id, 'judge removed by the organisers');
        if (!recusal.recused) continue;
        result.recused++;
        if (scored) result.scoresDropped++;
        if (recusal.replacedBy) result.reassigned++;
        else result.unassigned++;
      }
      result.scoresDropped += await this.assignments.dropScoresOf(manager, event.id, judgeId);
      result.votesWithdrawn = await this.pairwise.withdrawJudge(manager, event.id, judgeId);
      return result;
    });
    this.logger.log(
      `judge ${judgeId} removed from event ${event.id} by user ${auth.userId}: ${outcome.recused} assignments ended, ${outcome.unassigned} left without a judge, ${outcome.votesWithdrawn} votes withdrawn`,
    );
    await this.leaderboards.changed(event.id);
    return outcome;
  }
}
