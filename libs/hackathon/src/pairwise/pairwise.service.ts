import { AuthContext } from '@arena/common';
import { LeaderboardNotifier } from '@arena/jobs';
import { chooseNext, ITEM_PRIOR, JUDGE_PRIOR, replayVotes } from '@arena/scoring';
import { Injectable, Logger } from '@nestjs/common';
import { HackathonAccessService, HackathonView } from '../hackathon-access.service';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';
import { eligibility } from '../judging/eligibility';
import { EligibilityService } from '../judging/eligibility.service';
import { JudgesRepository } from '../judging/judges.repository';
import { ProjectEntity } from '../projects/entities/project.entity';
import { ProjectsRepository } from '../projects/projects.repository';
import { JudgingMode } from '../settings/judging-mode.enum';
import { PairDto, PairProjectDto, PairwiseStateDto, UndoResultDto, VoteDto, VoteResultDto } from './dto/pairwise.dto';
import { JudgeLock, PairwiseRepository } from './pairwise.repository';

const summary = (project: ProjectEntity | undefined): PairProjectDto | null =>
  project ? { id: project.id, title: project.title, summary: project.summary, teamName: project.team?.name ?? '', repoUrl: project.repoUrl, videoUrl: project.videoUrl } : null;

/** Pairwise (expo) judging with Crowd-BT: which pair a judge sees, votes, skips and undos. */
@Injectable()
export class PairwiseService {
  private readonly logger = new Logger(PairwiseService.name);

  constructor(
    private readonly access: HackathonAccessService,
    private readonly pairwise: PairwiseRepository,
    private readonly projects: ProjectsRepository,
    private readonly judges: JudgesRepository,
    private readonly facts: EligibilityService,
    private readonly leaderboards: LeaderboardNotifier,
  ) {}

  /** The judge's current pair; the first call picks both projects. */
  async current(auth: AuthContext, slug: string): Promise<PairDto> {
    const view = await this.pairwiseJudge(auth, slug);
    return this.pairwise.withJudgeLock(view.event.id, auth.userId, async (lock) => {
      if (!lock.judge.prevProjectId) lock.judge.prevProjectId = lock.judge.nextProjectId ?? (await this.pick(view, lock, null));
      if (lock.judge.prevProjectId && !lock.judge.nextProjectId) lock.judge.nextProjectId = await this.pick(view, lock, lock.judge.prevProjectId);
      await this.pairwise.savePair(lock);
      return this.pair(view, lock);
    });
  }

  /** Records the judge's verdict on the current pair; the newer project becomes `prev` and a new `next` is picked. */
  async vote(auth: AuthContext, slug: string, dto: VoteDto): Promise<VoteResultDto> {
    const view = await this.pairwiseJudge(auth, slug);
    const result = await this.pairwise.withJudgeLock(view.event.id, auth.userId, async (lock) => {
      const { prevProjectId: prev, nextProjectId: next } = lock.judge;
      if (!prev || !next) throw new HackathonError(HackathonErrorCode.NoPair, 'there is no pair to compare yet: GET the next pair first');
      const pair = new Set([prev, next]);
      if (dto.winnerId === dto.loserId || !pair.has(dto.winnerId) || !pair.has(dto.loserId)) {
        throw new HackathonError(HackathonErrorCode.PairMismatch, 'winnerId and loserId must be the current pair');
      }
      const voteId = await this.pairwise.appendVote(lock, { prevProjectId: prev, nextProjectId: next, winnerId: dto.winnerId, loserId: dto.loserId });
      lock.judge.prevProjectId = next;
      lock.judge.nextProjectId = await this.pick(view, lock, next);
      await this.pairwise.savePair(lock);
      this.logger.log(`judge ${auth.userId} voted ${voteId} in event ${view.event.id}`);
      return { voteId, ...(await this.pair(view, lock)) };
    });
    await this.leaderboards.changed(view.event.id);
    return result;
  }

  /** Passes on `next` (it will not be shown again) and picks another. */
  async skip(auth: AuthContext, slug: string): Promise<PairDto> {
    const view = await this.pairwiseJudge(auth, slug);
    return this.pairwise.withJudgeLock(view.event.id, auth.userId, async (lock) => {
      if (!lock.judge.nextProjectId) throw new HackathonError(HackathonErrorCode.NoPair, 'there is nothing to skip');
      await this.pairwise.markSkipped(lock, lock.judge.nextProjectId);
      lock.judge.nextProjectId = await this.pick(view, lock, lock.judge.prevProjectId);
      await this.pairwise.savePair(lock);
      return this.pair(view, lock);
    });
  }

  /** Withdraws the judge's latest vote (appending to the log) and shows its pair again. */
  async undo(auth: AuthContext, slug: string): Promise<UndoResultDto> {
    const view = await this.pairwiseJudge(auth, slug);
    const result = await this.pairwise.withJudgeLock(view.event.id, auth.userId, async (lock) => {
      const last = await this.pairwise.lastActiveVote(lock);
      if (!last) throw new HackathonError(HackathonErrorCode.NothingToUndo, 'you have no vote to withdraw');
      await this.pairwise.appendUndo(lock, last.id);
      const abandoned = lock.judge.nextProjectId;
      lock.judge.prevProjectId = last.prevProjectId;
      lock.judge.nextProjectId = last.nextProjectId;
      // The project picked after that vote was never compared: it may be shown again later.
      if (abandoned && abandoned !== last.prevProjectId && abandoned !== last.nextProjectId && !(await this.pairwise.inActiveVote(lock, abandoned))) {
        await this.pairwise.removeView(lock, abandoned);
      }
      await this.pairwise.savePair(lock);
      this.logger.log(`judge ${auth.userId} withdrew vote ${last.id} in event ${view.event.id}`);
      return { undoneVoteId: String(last.id), ...(await this.pair(view, lock)) };
    });
    await this.leaderboards.changed(view.event.id);
    return result;
  }

  async state(auth: AuthContext, slug: string): Promise<PairwiseStateDto> {
    const { event } = await this.access.organiserView(auth, slug);
    const [votes, projects, judges, counts] = await Promise.all([
      this.pairwise.activeVotes(event.id),
      this.projects.findJudged(event.id),
      this.judges.judges(event.id),
      this.pairwise.voteCounts(event.id),
    ]);
    const state = replayVotes(votes);
    return {
      votes: votes.length,
      projects: projects.map((project) => ({ projectId: project.id, title: project.title, ...(state.items.get(project.id) ?? ITEM_PRIOR) })),
      judges: judges.map((judge) => ({ judgeId: judge.id, ...(state.judges.get(judge.id) ?? JUDGE_PRIOR), votes: counts.get(judge.id) ?? 0 })),
    };
  }

  private async pairwiseJudge(auth: AuthContext, slug: string): Promise<HackathonView> {
    const view = await this.access.judgeView(auth, slug);
    if (view.settings.mode !== JudgingMode.Pairwise) throw new HackathonError(HackathonErrorCode.WrongJudgingMode, 'this event judges with rubric scores');
    if (view.settings.judgingClosed) throw new HackathonError(HackathonErrorCode.JudgingClosed, 'judging is closed');
    return view;
  }

  /** Gavel's choice among the projects this judge has not seen and may judge; records the view. */
  private async pick(view: HackathonView, lock: JudgeLock, previousId: string | null): Promise<string | null> {
    const facts = await this.facts.load(lock.manager, view.event, view.settings);
    const eligible = eligibility(facts);
    const seen = await this.pairwise.viewed(lock);
    const state = replayVotes(await this.pairwise.activeVotes(view.event.id, lock.manager));
    const candidates = facts.projects
      .filter((project) => !seen.has(project.id) && eligible(lock.judge.judgeId, project.id))
      .map((project) => ({ id: project.id, ...(state.items.get(project.id) ?? ITEM_PRIOR) }));
    const previous = previousId ? (state.items.get(previousId) ?? ITEM_PRIOR) : null;
    const chosen = chooseNext(state.judges.get(lock.judge.judgeId) ?? JUDGE_PRIOR, previous, candidates);
    if (chosen) await this.pairwise.addView(lock, chosen);
    return chosen;
  }

  private async pair(view: HackathonView, lock: JudgeLock): Promise<PairDto> {
    const ids = [lock.judge.prevProjectId, lock.judge.nextProjectId];
    const projects = await Promise.all(ids.map((id) => (id ? this.projects.findInEvent(view.event.id, id) : Promise.resolve(null))));
    return { prev: summary(projects[0] ?? undefined), next: summary(projects[1] ?? undefined) };
  }
}
