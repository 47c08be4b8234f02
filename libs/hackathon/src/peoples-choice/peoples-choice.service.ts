import { AuthContext } from '@arena/common';
import { assertPlaying } from '@arena/teams';
import { Injectable, Logger } from '@nestjs/common';
import { HackathonAccessService } from '../hackathon-access.service';
import { HackathonError, HackathonErrorCode } from '../hackathon.errors';
import { canSee } from '../projects/projects.service';
import { ProjectsRepository } from '../projects/projects.repository';
import { MyVotesDto } from './dto/peoples-choice.dto';
import { PeoplesChoiceRepository } from './peoples-choice.repository';

/**
 * Public voting once submissions close: any signed-in user, `votesPerUser` votes for different projects, never
 * their own team's; counts stay hidden until results are published.
 */
@Injectable()
export class PeoplesChoiceService {
  private readonly logger = new Logger(PeoplesChoiceService.name);

  constructor(
    private readonly access: HackathonAccessService,
    private readonly votes: PeoplesChoiceRepository,
    private readonly projects: ProjectsRepository,
  ) {}

  async vote(auth: AuthContext, slug: string, projectId: string): Promise<MyVotesDto> {
    const view = await this.access.view(auth, slug);
    const { settings } = view;
    // A banned team's members are disqualified: voting is a contest write too (403). Non-members vote freely.
    if (view.team) assertPlaying(view.team);
    // Voting runs from the end of submissions until the results are published.
    if (!settings.peoplesChoiceEnabled || settings.resultsPublishedAt || new Date() < view.event.endsAt) {
      throw new HackathonError(HackathonErrorCode.VotingClosed, "people's choice voting is not open");
    }
    const project = await this.projects.findInEvent(view.event.id, projectId);
    if (!project || !canSee(view, project) || project.team?.hidden || project.team?.banned)
      throw new HackathonError(HackathonErrorCode.ProjectNotFound, `project ${projectId} not found`);
    if (view.team?.id === project.teamId) throw new HackathonError(HackathonErrorCode.OwnProject, "you cannot vote for your own team's project");
    const outcome = await this.votes.vote(view.event.id, auth.userId, projectId, settings.peoplesChoiceVotesPerUser);
    if (outcome === 'already-voted') throw new HackathonError(HackathonErrorCode.AlreadyVoted, 'you already voted for this project');
    if (outcome === 'no-votes-left') {
      throw new HackathonError(HackathonErrorCode.AlreadyVoted, `you have used your ${settings.peoplesChoiceVotesPerUser} vote(s)`);
    }
    this.logger.log(`user ${auth.userId} voted for project ${projectId} (people's choice)`);
    return this.mine(auth, slug);
  }

  async mine(auth: AuthContext, slug: string): Promise<MyVotesDto> {
    const view = await this.access.view(auth, slug);
    const projectIds = await this.votes.mine(view.event.id, auth.userId);
    return { projectIds, votesLeft: Math.max(0, view.settings.peoplesChoiceVotesPerUser - projectIds.length) };
  }
}
