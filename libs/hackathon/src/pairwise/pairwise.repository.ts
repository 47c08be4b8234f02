import { PairwiseVote } from '@arena/scoring';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PairwiseJudgeEntity } from './entities/pairwise-judge.entity';
import { PairwiseUndoEntity } from './entities/pairwise-undo.entity';
import { PairwiseViewEntity } from './entities/pairwise-view.entity';
import { PairwiseVoteEntity } from './entities/pairwise-vote.entity';

/** A vote of the log as exports show it. */
export interface LoggedVote extends PairwiseVote {
  id: string;
  createdAt: Date;
  undone: boolean;
}

/** Work done holding a judge's pairwise row: one judge's picks, votes and undos never interleave. */
export interface JudgeLock {
  judge: PairwiseJudgeEntity;
  manager: EntityManager;
}

@Injectable()
export class PairwiseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  withJudgeLock<T>(eventId: string, judgeId: string, work: (lock: JudgeLock) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO pairwise_judges (event_id, judge_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [eventId, judgeId]);
      const judge = await manager.findOneOrFail(PairwiseJudgeEntity, { where: { eventId, judgeId }, lock: { mode: 'pessimistic_write' } });
      return work({ judge, manager });
    });
  }

  async savePair({ judge, manager }: JudgeLock): Promise<void> {
    await manager.update(PairwiseJudgeEntity, { eventId: judge.eventId, judgeId: judge.judgeId }, { prevProjectId: judge.prevProjectId, nextProjectId: judge.nextProjectId });
  }

  async viewed({ judge, manager }: JudgeLock): Promise<Set<string>> {
    const rows = await manager.find(PairwiseViewEntity, { where: { eventId: judge.eventId, judgeId: judge.judgeId }, select: { projectId: true } });
    return new Set(rows.map((row) => row.projectId));
  }

  async addView({ judge, manager }: JudgeLock, projectId: string): Promise<void> {
    await manager.insert(PairwiseViewEntity, { eventId: judge.eventId, judgeId: judge.judgeId, projectId });
  }

  async markSkipped({ judge, manager }: JudgeLock, projectId: string): Promise<void> {
    await manager.update(PairwiseViewEntity, { eventId: judge.eventId, judgeId: judge.judgeId, projectId }, { skipped: true });
  }

  async removeView({ judge, manager }: JudgeLock, projectId: string): Promise<void> {
    await manager.delete(PairwiseViewEntity, { eventId: judge.eventId, judgeId: judge.judgeId, projectId });
  }

  /** The votes in force (not withdrawn), in log order: what the ranking replays. */
  async activeVotes(eventId: string, manager: EntityManager = this.dataSource.manager): Promise<PairwiseVote[]> {
    const rows: Array<{ judge_id: string; winner_id: string; loser_id: string }> = await manager.query(
      `SELECT v.judge_id, v.winner_id, v.loser_id
         FROM pairwise_votes v LEFT JOIN pairwise_undos u ON u.vote_id = v.id
        WHERE v.event_id = $1 AND u.vote_id IS NULL
        ORDER BY v.id`,
      [eventId],
    );
    return rows.map((row) => ({ judgeId: row.judge_id, winnerId: row.winner_id, loserId: row.loser_id }));
  }

  /** The whole log, withdrawn votes marked. */
  async log(eventId: string): Promise<LoggedVote[]> {
    const rows: Array<{ id: string; judge_id: string; winner_id: string; loser_id: string; created_at: Date; undone: boolean }> = await this.dataSource.query(
      `SELECT v.id, v.judge_id, v.winner_id, v.loser_id, v.created_at, u.vote_id IS NOT NULL AS undone
         FROM pairwise_votes v LEFT JOIN pairwise_undos u ON u.vote_id = v.id
        WHERE v.event_id = $1
        ORDER BY v.id`,
      [eventId],
    );
    return rows.map((row) => ({ id: row.id, judgeId: row.judge_id, winnerId: row.winner_id, loserId: row.loser_id, createdAt: row.created_at, undone: row.undone }));
  }

  async appendVote({ judge, manager }: JudgeLock, vote: Pick<PairwiseVoteEntity, 'prevProjectId' | 'nextProjectId' | 'winnerId' | 'loserId'>): Promise<string> {
    const saved = await manager.save(manager.create(PairwiseVoteEntity, { ...vote, eventId: judge.eventId, judgeId: judge.judgeId }));
    return String(saved.id);
  }

  /** The judge's latest vote still in force, or null. */
  async lastActiveVote({ judge, manager }: JudgeLock): Promise<PairwiseVoteEntity | null> {
    const rows: PairwiseVoteEntity[] = await manager
      .createQueryBuilder(PairwiseVoteEntity, 'v')
      .leftJoin(PairwiseUndoEntity, 'u', 'u.vote_id = v.id')
      .where('v.event_id = :eventId AND v.judge_id = :judgeId AND u.vote_id IS NULL', { eventId: judge.eventId, judgeId: judge.judgeId })
      .orderBy('v.id', 'DESC')
      .limit(1)
      .getMany();
    return rows[0] ?? null;
  }

  async appendUndo({ manager }: JudgeLock, voteId: string): Promise<void> {
    await manager.insert(PairwiseUndoEntity, { voteId });
  }

  /** True when one of the judge's votes in force involves the project. */
  async inActiveVote({ judge, manager }: JudgeLock, projectId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM pairwise_votes v LEFT JOIN pairwise_undos u ON u.vote_id = v.id
        WHERE v.event_id = $1 AND v.judge_id = $2 AND u.vote_id IS NULL AND $3 IN (v.winner_id, v.loser_id) LIMIT 1`,
      [judge.eventId, judge.judgeId, projectId],
    );
    return rows.length > 0;
  }

  /**
   * A removed judge: their votes in force are withdrawn (undos appended, so the log and exports keep them) and their
   * place is forgotten. Holds their pairwise row first, so a vote in flight lands before (and is withdrawn) or finds no pair.
   */
  async withdrawJudge(manager: EntityManager, eventId: string, judgeId: string): Promise<number> {
    await manager.query('SELECT 1 FROM pairwise_judges WHERE event_id = $1 AND judge_id = $2 FOR UPDATE', [eventId, judgeId]);
    // INSERT answers its rows (DELETE and UPDATE answer [rows, count]).
    const rows: unknown[] = await manager.query(
      `INSERT INTO pairwise_undos (vote_id)
       SELECT v.id FROM pairwise_votes v LEFT JOIN pairwise_undos u ON u.vote_id = v.id
        WHERE v.event_id = $1 AND v.judge_id = $2 AND u.vote_id IS NULL
       RETURNING vote_id`,
      [eventId, judgeId],
    );
    await manager.delete(PairwiseViewEntity, { eventId, judgeId });
    await manager.delete(PairwiseJudgeEntity, { eventId, judgeId });
    return rows.length;
  }

  /** Votes in force per judge. */
  async voteCounts(eventId: string): Promise<Map<string, number>> {
    const rows: Array<{ judge_id: string; votes: string }> = await this.dataSource.query(
      `SELECT v.judge_id, count(*) AS votes FROM pairwise_votes v LEFT JOIN pairwise_undos u ON u.vote_id = v.id
        WHERE v.event_id = $1 AND u.vote_id IS NULL GROUP BY v.judge_id`,
      [eventId],
    );
    return new Map(rows.map((row) => [row.judge_id, Number(row.votes)]));
  }
}
