import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ScoreSetEntity } from './entities/score-set.entity';

export type ScoreSetWithJudge = ScoreSetEntity & { judgeName: string };

@Injectable()
export class ScoresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One set per judge and project: a second write (also a concurrent one) replaces the first. */
  async upsert(manager: EntityManager, set: Pick<ScoreSetEntity, 'eventId' | 'projectId' | 'judgeId' | 'scores' | 'comment'>): Promise<ScoreSetEntity> {
    await manager.createQueryBuilder().insert().into(ScoreSetEntity).values(set).orUpdate(['scores', 'comment', 'updated_at'], ['project_id', 'judge_id']).execute();
    return manager.findOneByOrFail(ScoreSetEntity, { projectId: set.projectId, judgeId: set.judgeId });
  }

  forEvent(eventId: string): Promise<ScoreSetEntity[]> {
    return this.dataSource.getRepository(ScoreSetEntity).find({ where: { eventId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The project's sets with judge names; `judgeId` keeps only that judge's. */
  async forProject(projectId: string, judgeId?: string): Promise<ScoreSetWithJudge[]> {
    const rows = await this.dataSource.getRepository(ScoreSetEntity).find({
      where: judgeId ? { projectId, judgeId } : { projectId },
      relations: { judge: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => Object.assign(row, { judgeName: row.judge?.displayName ?? '' }));
  }
}
