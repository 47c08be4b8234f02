import { AuthContext } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JudgingMode } from '../settings/judging-mode.enum';
import { MyJudgingEventDto } from './dto/my-judging.dto';

/** The events a user judges, read in one query (it backs a menu item every signed-in page may ask for). */
@Injectable()
export class MyJudgingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async events(auth: AuthContext): Promise<MyJudgingEventDto[]> {
    const rows: Array<{ slug: string; title: string; starts_at: Date; ends_at: Date; mode: JudgingMode | null; judging_closed: boolean | null; assigned: string; scored: string }> =
      await this.dataSource.query(
        `SELECT e.slug, e.title, e.starts_at, e.ends_at, h.mode, h.judging_closed,
                (SELECT count(*) FROM judge_assignments a WHERE a.event_id = e.id AND a.judge_id = s.user_id AND a.status = 'active') AS assigned,
                (SELECT count(*) FROM judge_assignments a
                   WHERE a.event_id = e.id AND a.judge_id = s.user_id AND a.status = 'active'
                     AND EXISTS (SELECT 1 FROM rubric_scores r WHERE r.project_id = a.project_id AND r.judge_id = a.judge_id)) AS scored
           FROM event_staff s
           JOIN events e ON e.id = s.event_id
           LEFT JOIN hackathon_settings h ON h.event_id = e.id
          WHERE s.user_id = $1 AND s.role = 'judge' AND e.kind = 'hackathon'
          ORDER BY e.starts_at DESC, e.slug`,
        [auth.userId],
      );
    return rows.map((row) => ({
      slug: row.slug,
      title: row.title,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      mode: row.mode ?? JudgingMode.Rubric,
      judgingClosed: row.judging_closed ?? false,
      assigned: Number(row.assigned),
      scored: Number(row.scored),
    }));
  }
}
