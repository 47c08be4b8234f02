import { AuthContext } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { HackathonAccessService } from '../hackathon-access.service';
import { PairwiseRepository } from '../pairwise/pairwise.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import { AssignmentStatus } from './assignment-status.enum';
import { AssignmentsRepository } from './assignments.repository';
import { JudgingProgressDto } from './dto/assignment.dto';
import { JudgesRepository } from './judges.repository';

/** How far judging has got, per judge and per project (organisers). */
@Injectable()
export class JudgingProgressService {
  constructor(
    private readonly access: HackathonAccessService,
    private readonly assignments: AssignmentsRepository,
    private readonly judges: JudgesRepository,
    private readonly projects: ProjectsRepository,
    private readonly pairwise: PairwiseRepository,
  ) {}

  async progress(auth: AuthContext, slug: string): Promise<JudgingProgressDto> {
    const { event } = await this.access.organiserView(auth, slug);
    const [rows, judges, projects, votes] = await Promise.all([
      this.assignments.rows(event.id),
      this.judges.judges(event.id),
      this.projects.findJudged(event.id),
      this.pairwise.voteCounts(event.id),
    ]);
    const active = rows.filter((row) => row.status === AssignmentStatus.Active);
    const count = (list: typeof rows, key: 'judgeId' | 'projectId', id: string) => list.filter((row) => row[key] === id).length;
    return {
      judges: judges.map((judge) => ({
        judgeId: judge.id,
        displayName: judge.displayName,
        assigned: count(active, 'judgeId', judge.id),
        scored: count(
          active.filter((row) => row.scored),
          'judgeId',
          judge.id,
        ),
        recused: count(
          rows.filter((row) => row.status === AssignmentStatus.Recused),
          'judgeId',
          judge.id,
        ),
        votes: votes.get(judge.id) ?? 0,
      })),
      projects: projects.map((project) => ({
        projectId: project.id,
        title: project.title,
        teamName: project.team?.name ?? '',
        assigned: count(active, 'projectId', project.id),
        scored: count(
          active.filter((row) => row.scored),
          'projectId',
          project.id,
        ),
      })),
    };
  }
}
