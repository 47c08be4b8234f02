import { judgeMarks, Normalisation, rankRubricProjects, RubricCriterion, RubricProject, RubricScoreSet, weightedTotal } from './rubric-normalisation';

// Two criteria: "impact" weight 2 on 1..5, "craft" weight 1 on 0..10.
// T = (2 · (impact − 1) / 4 + 1 · craft / 10) / 3
const criteria: RubricCriterion[] = [
  { id: 'impact', weight: 2, min: 1, max: 5 },
  { id: 'craft', weight: 1, min: 0, max: 10 },
];
const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 10, minute));
const project = (id: string, minute: number): RubricProject => ({ id, submittedAt: at(minute) });
const set = (judgeId: string, projectId: string, impact: number, craft: number): RubricScoreSet => ({
  judgeId,
  projectId,
  scores: { impact, craft },
});

// The worked example:
// j1 scores p1 (5, 10) → T = (2·1 + 1)/3 = 1; p2 (3, 5) → (2·0.5 + 0.5)/3 = 0.5; p3 (1, 0) → 0.
//    mean 0.5, population sd = √((0.25 + 0 + 0.25)/3) = √(1/6) = 0.408248290463863
//    z: p1 = 0.5/√(1/6) = √1.5 = 1.224744871391589, p2 = 0, p3 = −1.224744871391589
// j2 scores only p2 (2, 2) → T = (2·0.25 + 0.2)/3 = 0.2333…; a single project: z = 0
// j3 scores p1 and p3 alike (4, 6) → T = (2·0.75 + 0.6)/3 = 0.7 both; sd 0: z = 0
// p1: mean z (1.2247 + 0)/2 = 0.6123724356957945, mean raw (1 + 0.7)/2 = 0.85
// p2: mean z 0, mean raw (0.5 + 0.2333…)/2 = 0.3666…
// p3: mean z (−1.2247 + 0)/2 = −0.6123724356957945, mean raw (0 + 0.7)/2 = 0.35
// p4: nobody scored it → last, score null
const sets = [set('j1', 'p1', 5, 10), set('j1', 'p2', 3, 5), set('j1', 'p3', 1, 0), set('j2', 'p2', 2, 2), set('j3', 'p1', 4, 6), set('j3', 'p3', 4, 6)];
const projects = [project('p4', 0), project('p3', 1), project('p2', 2), project('p1', 3)];

describe('weightedTotal', () => {
  it('should weigh each criterion over its range when marks are given', () => {
    expect(weightedTotal(criteria, { impact: 5, craft: 10 })).toBe(1);
    expect(weightedTotal(criteria, { impact: 3, craft: 5 })).toBeCloseTo(0.5, 15);
    expect(weightedTotal(criteria, { impact: 1, craft: 0 })).toBe(0);
    expect(weightedTotal(criteria, { impact: 2, craft: 2 })).toBeCloseTo(0.7 / 3, 15);
  });

  it('should throw when a criterion has no mark', () => {
    expect(() => weightedTotal(criteria, { impact: 5 })).toThrow('craft');
  });
});

describe('judgeMarks', () => {
  it('should give z = 0 when the judge scored a single project', () => {
    const marks = judgeMarks(criteria, [set('j2', 'p2', 2, 2)]);
    expect(marks.get('p2')).toEqual([{ judgeId: 'j2', raw: expect.any(Number), z: 0 }]);
  });

  it('should give z = 0 when the judge gave every project the same total', () => {
    // 0.1 + 0.1 + 0.1 is not 0.3 in floating point: the mean is off, the totals are still equal.
    const tenth: RubricCriterion[] = [{ id: 'x', weight: 1, min: 0, max: 10 }];
    const marks = judgeMarks(
      tenth,
      ['a', 'b', 'c'].map((projectId) => ({ judgeId: 'j', projectId, scores: { x: 1 } })),
    );
    expect([...marks.values()].flat().map((mark) => mark.z)).toEqual([0, 0, 0]);
  });

  it('should use the population sd when the judge scored several projects', () => {
    const marks = judgeMarks(
      criteria,
      sets.filter((item) => item.judgeId === 'j1'),
    );
    expect(marks.get('p1')![0].z).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(marks.get('p2')![0].z).toBeCloseTo(0, 12);
    expect(marks.get('p3')![0].z).toBeCloseTo(-Math.sqrt(1.5), 12);
  });
});

describe('rankRubricProjects', () => {
  it('should rank by mean z with the worked example when normalising', () => {
    const ranked = rankRubricProjects(projects, criteria, sets, Normalisation.ZScore);
    expect(ranked.map((row) => [row.projectId, row.rank])).toEqual([
      ['p1', 1],
      ['p2', 2],
      ['p3', 3],
      ['p4', 4],
    ]);
    expect(ranked[0].score).toBeCloseTo(0.6123724356957945, 12);
    expect(ranked[0].meanRaw).toBeCloseTo(0.85, 12);
    expect(ranked[1].score).toBeCloseTo(0, 12);
    expect(ranked[1].meanRaw).toBeCloseTo(1.1 / 3, 12);
    expect(ranked[2].score).toBeCloseTo(-0.6123724356957945, 12);
    expect(ranked[2].meanRaw).toBeCloseTo(0.35, 12);
    expect(ranked[3]).toEqual({ projectId: 'p4', rank: 4, score: null, meanRaw: null, judges: [] });
    expect(ranked[0].judges).toEqual([
      { judgeId: 'j1', raw: 1, z: expect.closeTo(Math.sqrt(1.5), 12) },
      { judgeId: 'j3', raw: expect.closeTo(0.7, 12), z: 0 },
    ]);
  });

  it('should rank by mean raw total when normalisation is none', () => {
    const ranked = rankRubricProjects(projects, criteria, sets, Normalisation.None);
    expect(ranked.map((row) => row.projectId)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(ranked.map((row) => row.score)).toEqual([expect.closeTo(0.85, 12), expect.closeTo(1.1 / 3, 12), expect.closeTo(0.35, 12), null]);
  });

  it('should break equal scores by mean raw total, then by the earlier submission', () => {
    // Each judge scores one project: every z is 0, so the mean raw total decides, then the submission.
    const tied = [set('a', 'p1', 3, 5), set('b', 'p2', 5, 10), set('c', 'p3', 3, 5)];
    const ranked = rankRubricProjects([project('p1', 5), project('p2', 9), project('p3', 1)], criteria, tied, Normalisation.ZScore);
    expect(ranked.map((row) => row.projectId)).toEqual(['p2', 'p3', 'p1']);
    expect(ranked.map((row) => row.score)).toEqual([0, 0, 0]);
  });

  it('should ignore score sets of unknown projects when ranking', () => {
    const ranked = rankRubricProjects([project('p1', 0)], criteria, [...sets, set('j9', 'gone', 5, 10)], Normalisation.ZScore);
    expect(ranked).toHaveLength(1);
  });
});
