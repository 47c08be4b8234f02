import { ProjectEntity } from '../projects/entities/project.entity';
import { defaultSettings } from '../settings/settings.repository';
import { eligibility, EligibilityFacts } from './eligibility';
import { JudgeConflictEntity } from './entities/judge-conflict.entity';

const project = (id: string, teamId: string, tracks: string[] = []) => Object.assign(new ProjectEntity(), { id, teamId, tracks });
const conflict = (judgeId: string, teamId: string) => Object.assign(new JudgeConflictEntity(), { judgeId, teamId });

function facts(over: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    settings: defaultSettings('e'),
    judges: [
      { id: 'j-sg', displayName: 'SG', country: 'SG' },
      { id: 'j-vn', displayName: 'VN', country: 'VN' },
    ],
    projects: [project('p1', 't1', ['ai']), project('p2', 't2', ['web'])],
    conflicts: [],
    memberships: new Map([
      ['t1', { users: new Set(['u1']), countries: new Set(['VN']) }],
      ['t2', { users: new Set(['j-sg']), countries: new Set(['SG']) }],
    ]),
    judgeTracks: new Map(),
    ...over,
  };
}

describe('eligibility', () => {
  it('should allow any judge outside the team when nothing limits them', () => {
    const eligible = eligibility(facts());
    expect(eligible('j-sg', 'p1')).toBe(true);
    expect(eligible('j-vn', 'p1')).toBe(true);
    expect(eligible('j-vn', 'p2')).toBe(true);
  });

  it('should refuse a judge who is in the team or declared a conflict with it', () => {
    const eligible = eligibility(facts({ conflicts: [conflict('j-vn', 't1')] }));
    expect(eligible('j-sg', 'p2')).toBe(false);
    expect(eligible('j-vn', 'p1')).toBe(false);
    expect(eligible('j-vn', 'unknown-project')).toBe(false);
  });

  it('should refuse a judge from a member country only when the event excludes them', () => {
    const settings = Object.assign(defaultSettings('e'), { excludeSameCountryJudges: true });
    expect(eligibility(facts({ settings }))('j-vn', 'p1')).toBe(false);
    expect(eligibility(facts({ settings }))('j-sg', 'p1')).toBe(true);
  });

  it('should keep a judge to their tracks when they have some', () => {
    const eligible = eligibility(facts({ judgeTracks: new Map([['j-vn', ['web']]]) }));
    expect(eligible('j-vn', 'p1')).toBe(false);
    expect(eligible('j-vn', 'p2')).toBe(true);
  });
});
