import { EventEntity } from '@arena/registration';
import { Injectable } from '@nestjs/common';
import { SubmissionsRepository } from '../submissions/submissions.repository';
import { taskEnd } from '../tasks/task-rules';
import { TasksRepository } from '../tasks/tasks.repository';
import { BoardEntry, privateBoard, publicBoard } from './ai-standings';

/** A ranked AI board row, in the leaderboard contract's shape. */
export interface AiBoardRow {
  rank: number;
  teamId: string;
  teamName: string;
  division: string | null;
  score: number;
  lastScoredAt: string;
  /** Every key a custom scorer wrote for the ranked submission, on this board's split. */
  scores?: Record<string, number>;
  /** Disqualified: kept for the organisers' board only. */
  banned?: true;
}

/** AI boards: per task, the public split (shown during the contest) and the private one (decides prizes). */
@Injectable()
export class AiBoardService {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly tasks: TasksRepository,
  ) {}

  /** Every task's public and private board, keyed `task:<id>:public|private`; banned teams' rows are marked. */
  async allBoards(event: EventEntity): Promise<{ tasks: Array<{ id: string; name: string; closesAt: string; scoreKey: string | null }>; boards: Record<string, AiBoardRow[]> }> {
    const tasks = await this.tasks.findForEvent(event.id);
    const boards: Record<string, AiBoardRow[]> = {};
    for (const task of tasks) {
      const entries = await this.submissions.scoredWithTeams(task.id);
      const teams = new Map(entries.map((row) => [row.entry.teamId, row.team]));
      const rows = (ranked: BoardEntry[]) =>
        ranked.map((row, index) => ({
          rank: index + 1,
          teamId: row.teamId,
          teamName: teams.get(row.teamId)?.name ?? '',
          division: teams.get(row.teamId)?.division ?? null,
          score: row.score,
          lastScoredAt: row.at.toISOString(),
          ...(row.scores ? { scores: row.scores } : {}),
          ...(teams.get(row.teamId)?.banned ? { banned: true as const } : {}),
        }));
      boards[`task:${task.id}:public`] = rows(
        publicBoard(
          entries.map((row) => row.entry),
          task,
        ),
      );
      boards[`task:${task.id}:private`] = rows(
        privateBoard(
          entries.map((row) => row.entry),
          task,
        ),
      );
    }
    return { tasks: tasks.map((task) => ({ id: task.id, name: task.name, closesAt: taskEnd(task, event).toISOString(), scoreKey: task.scoreKey })), boards };
  }
}
