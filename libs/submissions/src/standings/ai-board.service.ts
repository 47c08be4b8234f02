import { AuthContext } from '@arena/common';
import { EventsService } from '@arena/registration';
import { TeamsService } from '@arena/teams';
import { Injectable } from '@nestjs/common';
import { SubmissionsError, SubmissionsErrorCode } from '../submissions.errors';
import { SubmissionsRepository } from '../submissions/submissions.repository';
import { TasksService } from '../tasks/tasks.service';
import { BoardEntry, privateBoard, publicBoard } from './ai-standings';

/** A ranked AI board row, in the leaderboard contract's shape. */
export interface AiBoardRow {
  rank: number;
  teamId: string;
  teamName: string;
  division: string | null;
  score: number;
  lastScoredAt: string;
  submissionId: string;
}

export interface AiBoard {
  eventId: string;
  taskId: string;
  board: 'public' | 'private';
  frozen: boolean;
  updatedAt: string;
  total: number;
  rows: AiBoardRow[];
}

export interface AiBoardQuery {
  task?: string;
  board?: 'public' | 'private';
  division?: string;
  limit: number;
  offset: number;
}

/** AI boards: the public split during the contest; the private one (which decides prizes) after it ends. */
@Injectable()
export class AiBoardService {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly tasks: TasksService,
    private readonly events: EventsService,
    private readonly teams: TeamsService,
  ) {}

  async board(auth: AuthContext | undefined, slug: string, query: AiBoardQuery): Promise<AiBoard> {
    const event = await this.tasks.aiEvent(slug);
    if (!(await this.teams.canSeeBoards(auth, event))) throw new SubmissionsError(SubmissionsErrorCode.TaskNotFound, `the leaderboard of ${slug} is not public`);
    const task = await this.tasks.forBoard(event, query.task);
    const organiser = await this.events.isOrganiser(auth, event);
    const wantsPrivate = query.board === 'private';
    if (wantsPrivate && !organiser && new Date() <= event.endsAt) {
      throw new SubmissionsError(SubmissionsErrorCode.OutsideWindow, 'the private board is revealed when the event ends');
    }
    const entries = await this.submissions.scoredWithTeams(task.id);
    const ranked = (wantsPrivate ? privateBoard : publicBoard)(entries.map((row) => row.entry), task);
    const teams = new Map(entries.map((row) => [row.entry.teamId, row.team]));
    const rows = ranked
      .filter((row) => !query.division || teams.get(row.teamId)?.division === query.division)
      .map((row: BoardEntry, index) => ({
        rank: index + 1,
        teamId: row.teamId,
        teamName: teams.get(row.teamId)?.name ?? '',
        division: teams.get(row.teamId)?.division ?? null,
        score: row.score,
        lastScoredAt: row.at.toISOString(),
        submissionId: row.submissionId,
      }));
    return {
      eventId: event.id,
      taskId: task.id,
      board: wantsPrivate ? 'private' : 'public',
      frozen: false,
      updatedAt: new Date().toISOString(),
      total: rows.length,
      rows: rows.slice(query.offset, query.offset + query.limit),
    };
  }
}
