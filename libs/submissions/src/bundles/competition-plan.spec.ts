import { parseCompetitionYaml } from './competition-bundle';
import { planCompetition } from './competition-plan';

const plan = (yaml: string, files: string[]) => {
  const parsed = parseCompetitionYaml(yaml);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return planCompetition(parsed.doc, new Set(files), '');
};

describe('planCompetition', () => {
  it('should map the lowest-rank column and its sort when a v1 leaderboard has several columns', () => {
    const result = plan(
      `title: T
phases:
  2: {phasenumber: 2, label: Final, scoring_program: p.zip, reference_data: final.zip}
  1: {phasenumber: 1, label: Dev, scoring_program: p.zip, reference_data: dev.zip, max_submissions_per_day: 3}
leaderboard:
  columns:
    f1: {rank: 2}
    error: {rank: 1, sort: asc}
`,
      ['p.zip', 'dev.zip', 'final.zip'],
    );
    expect(result).toMatchObject({ problems: [], scoreKey: 'error', higherIsBetter: false, columns: ['error', 'f1'], maxDailySubmissions: 3 });
    expect(result.public).toMatchObject({ name: 'Dev', referenceData: { path: 'dev.zip', kind: 'zip' } });
    expect(result.private).toMatchObject({ name: 'Final', referenceData: { path: 'final.zip', kind: 'zip' } });
  });

  it('should prefer primary_index and find folders when a v2 bundle names them', () => {
    const result = plan(
      `version: 2
title: T
phases: [{index: 0, name: Dev, tasks: [0]}, {index: 1, name: Mid, tasks: [0]}, {index: 2, name: Final, tasks: [0]}]
tasks: [{index: 0, scoring_program: program, reference_data: ref}]
leaderboards: [{primary_index: 1, columns: [{key: a, index: 0}, {key: b, index: 1, sorting: asc}]}]
`,
      ['program/metadata.yaml', 'ref/y.txt'],
    );
    expect(result).toMatchObject({ problems: [], scoreKey: 'b', higherIsBetter: false, columns: ['b', 'a'] });
    expect(result.public.scoringProgram).toEqual({ key: 'tasks[0].scoring_program', path: 'program', kind: 'folder' });
    expect(result.warnings).toEqual([expect.stringMatching(/phases\[1\] \(Mid\) is not imported/)]);
  });

  it('should list every problem when a bundle has several', () => {
    const result = plan(`title: T\nphases:\n  1: {label: Dev}\n  2: {label: Final, scoring_program: ../p.zip, reference_data: r.zip}\nleaderboard: {columns: {a: {sort: up}}}\n`, [
      'r.zip',
    ]);
    expect(result.problems).toEqual([
      'phases.1.scoring_program is missing',
      'phases.1.reference_data is missing',
      'phases.2.scoring_program: ../p.zip leaves the bundle (..)',
      'leaderboard.columns.a.sort must be asc or desc, not "up"',
    ]);
  });
});
