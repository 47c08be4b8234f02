import { EventEntity } from '@arena/registration';
import { ChallengeState } from '../challenges/challenge.enums';
import { ChallengeEntity } from '../challenges/entities/challenge.entity';
import { CtfFeedsService } from './ctf-feeds.service';
import { CtfSnapshot } from './ctf-standings.service';
import { rankRows } from './ranking';
import { ScoringEvent, StandingsQuery, StandingsRepository, TeamTaskStats } from './standings.repository';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 9, 0, seconds));
const row = (teamId: string, division: string | null, score: number) => ({
  teamId,
  teamName: `team ${teamId}`,
  division,
  score,
  lastAt: score ? at(0) : null,
  lastRowId: null,
  banned: false,
});
const challenge = (id: string, name: string, state: ChallengeState) => ({ id, name, state }) as ChallengeEntity;

class FakeStandings {
  queries: StandingsQuery[] = [];
  stats: TeamTaskStats[] = [];
  events: ScoringEvent[] = [];
  async taskStats(query: StandingsQuery): Promise<TeamTaskStats[]> {
    this.queries.push(query);
    return this.stats;
  }
  async recentSolves(query: StandingsQuery): Promise<string> {
    this.queries.push(query);
    return '[]';
  }
  async scoringEvents(query: StandingsQuery, teamIds: string[]): Promise<ScoringEvent[]> {
    this.queries.push(query);
    return this.events.filter((event) => teamIds.includes(event.teamId));
  }
}

describe('CtfFeedsService', () => {
  let standings: FakeStandings;
  let feeds: CtfFeedsService;
  const event = { divisions: ['open', 'student'] } as EventEntity;
  const snapshot = (cutoff: Date | null): CtfSnapshot => ({
    rows: rankRows([row('a', 'open', 300), row('b', 'student', 100), row('c', 'student', 0)]),
    query: { eventId: 'e', values: new Map(), cutoff, firstBloodBonus: 0, division: null },
    challenges: [challenge('c1', 'web', ChallengeState.Visible), challenge('c2', 'retired', ChallengeState.Hidden), challenge('c3', 'draft', ChallengeState.Hidden)],
    counts: new Map([['c2', 1]]),
    takenAt: at(30),
  });

  beforeEach(() => {
    standings = new FakeStandings();
    feeds = new CtfFeedsService(standings as unknown as StandingsRepository);
  });

  it('should wrap the per-team JSON of PostgreSQL in board order when teams have solved', async () => {
    standings.stats = [
      { teamId: 'b', statsJson: '{"retired" : {"points" : 100, "time" : 1}}', lastAccept: 1 },
      { teamId: 'a', statsJson: '{"web" : {"points" : 300, "time" : 2}}', lastAccept: 2 },
    ];
    const ctftime = JSON.parse((await feeds.feeds(event, snapshot(null))).ctftime);
    expect(ctftime).toEqual({
      tasks: ['web', 'retired'],
      standings: [
        { pos: 1, team: 'team a', score: 300, taskStats: { web: { points: 300, time: 2 } }, lastAccept: 2 },
        { pos: 2, team: 'team b', score: 100, taskStats: { retired: { points: 100, time: 1 } }, lastAccept: 1 },
        { pos: 3, team: 'team c', score: 0, taskStats: {}, lastAccept: null },
      ],
    });
  });

  it('should read rows up to the snapshot when the board is live and up to the freeze when it is frozen', async () => {
    await feeds.feeds(event, snapshot(null));
    expect(standings.queries.map((query) => query.cutoff)).toEqual([at(30), at(30), at(30)]);
    standings.queries = [];
    await feeds.feeds(event, snapshot(at(10)));
    expect(standings.queries.map((query) => query.cutoff)).toEqual([at(10), at(10), at(10)]);
  });

  it('should give each division its own ranks when it builds the score graphs', async () => {
    standings.events = [
      { teamId: 'a', challengeId: 'c1', points: 300, at: at(2) },
      { teamId: 'b', challengeId: 'c2', points: 100, at: at(1) },
    ];
    const { history } = await feeds.feeds(event, snapshot(null));
    expect(history.all.map((team) => [team.teamId, team.rank, team.points.map((point) => point.score)])).toEqual([
      ['a', 1, [300]],
      ['b', 2, [100]],
      ['c', 3, []],
    ]);
    expect(history.divisions.student.map((team) => [team.teamId, team.rank])).toEqual([
      ['b', 1],
      ['c', 2],
    ]);
    expect(history.divisions.open.map((team) => team.teamId)).toEqual(['a']);
  });
});
