import { HistoryPointDto } from './dto/leaderboard.dto';
import { ScoringEvent } from './standings.repository';

/**
 * One team's score graph: the running total after each instant it scored, in time order.
 * Rows of the same instant (a solve and its first-blood bonus) make one point, so the graph never shows a score the team never had.
 */
export function cumulativePoints(events: ScoringEvent[]): HistoryPointDto[] {
  const points: HistoryPointDto[] = [];
  let score = 0;
  for (const event of events) {
    score += event.points;
    const at = event.at.toISOString();
    const last = points.at(-1);
    if (last && last.at === at) last.score = score;
    else points.push({ at, score });
  }
  return points;
}
