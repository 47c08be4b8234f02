import { ChallengeEntity } from '../challenges/entities/challenge.entity';
import { StandingsState, StateSolve, StateTeam } from './standings-state';

const challenge = (id: string, initial = 100): ChallengeEntity => ({ id, valueFunction: 'linear', value: initial, initial, minimum: 10, decay: 10 }) as unknown as ChallengeEntity;
const team = (id: string, nameOrder: number, extra: Partial<StateTeam> = {}): StateTeam => ({ id, name: id, division: null, hidden: false, banned: false, nameOrder, ...extra });
const solve = (id: string, teamId: string, challengeId: string, at: number): StateSolve => ({ id, teamId, challengeId, at, createdAt: new Date(Math.floor(at / 1000)) });
const order = (state: StandingsState, cutoff: number | null = null, bonus = 0) => state.board(cutoff, bonus, true).rows.map((row) => [row.teamId, row.score]);

describe('StandingsState', () => {
  const inputs = () => ({
    challenges: [challenge('c1'), challenge('c2')],
    teams: [team('a', 0), team('b', 1), team('c', 2)],
    solves: [solve('00000000-0000-0000-0000-000000000001', 'a', 'c1', 1_000_000)],
    awards: [],
    position: '10',
  });

  it('should lower a dynamic value for every solver when a later solve is applied', () => {
    const state = new StandingsState(inputs());
    expect(state.apply([solve('00000000-0000-0000-0000-000000000002', 'b', 'c1', 2_000_000)], '12')).toBe(true);
    expect(order(state)).toEqual([
      ['a', 90],
      ['b', 90],
      ['c', 0],
    ]);
    expect(state.position).toBe('12');
  });

  it('should skip a solve it already has when the reads overlap', () => {
    const state = new StandingsState(inputs());
    state.apply([solve('00000000-0000-0000-0000-000000000001', 'a', 'c1', 1_000_000)], '11');
    expect(state.solveCount).toBe(1);
  });

  it('should ask for a reload when a solve is of a team or challenge it does not know', () => {
    const state = new StandingsState(inputs());
    expect(state.apply([solve('00000000-0000-0000-0000-000000000003', 'new', 'c1', 3_000_000)], '12')).toBe(false);
    expect(state.apply([solve('00000000-0000-0000-0000-000000000003', 'b', 'new', 3_000_000)], '12')).toBe(false);
  });

  it('should break a tie of score and microsecond time by the larger row id compared as bytes when two teams solve in one batch', () => {
    const state = new StandingsState({
      ...inputs(),
      solves: [solve('0f000000-0000-0000-0000-000000000000', 'a', 'c2', 5_000_001), solve('a0000000-0000-0000-0000-000000000000', 'b', 'c2', 5_000_001)],
    });
    const rows = state.board(null, 0, true).rows;
    expect(rows.map((row) => [row.teamId, row.lastRowId])).toEqual([
      ['a', '0f000000-0000-0000-0000-000000000000'],
      ['b', 'a0000000-0000-0000-0000-000000000000'],
      ['c', null],
    ]);
  });

  it('should count only solves before the cutoff and leave hidden and banned teams out of values when frozen or filtered', () => {
    const state = new StandingsState({
      ...inputs(),
      teams: [team('a', 0), team('b', 1, { banned: true }), team('c', 2, { hidden: true })],
      solves: [solve('1', 'a', 'c1', 1_000), solve('2', 'b', 'c1', 2_000), solve('3', 'c', 'c1', 3_000), solve('4', 'a', 'c2', 9_000)],
    });
    expect(order(state, 5_000)).toEqual([
      ['a', 100],
      ['b', 100],
    ]);
    expect(state.board(null, 0, false).rows.map((row) => [row.teamId, row.score])).toEqual([['a', 200]]);
  });

  it('should give the first-blood bonus to the first visible solver when a bonus is set', () => {
    const state = new StandingsState({
      ...inputs(),
      teams: [team('a', 0, { banned: true }), team('b', 1), team('c', 2)],
      solves: [solve('1', 'a', 'c1', 1_000), solve('2', 'b', 'c1', 2_000)],
    });
    expect(order(state, null, 7)).toEqual([
      ['b', 107],
      ['a', 100],
      ['c', 0],
    ]);
  });
});
