import { planAssignments, PlannedAssignment, PlanInput } from './assignment-plan';

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);

function components(assignments: PlannedAssignment[]): number {
  const parent = new Map<string, string>();
  const find = (node: string): string => {
    while (parent.has(node) && parent.get(node) !== node) node = parent.get(node) as string;
    return node;
  };
  for (const { judgeId, projectId } of assignments) parent.set(find(`p${projectId}`), find(`j${judgeId}`));
  return new Set(assignments.map((assignment) => find(`p${assignment.projectId}`))).size;
}

function expectSound(input: PlanInput, assignments: PlannedAssignment[]): number[] {
  for (const project of input.projects) {
    const judges = assignments.filter((assignment) => assignment.projectId === project).map((assignment) => assignment.judgeId);
    expect(judges).toHaveLength(input.judgesPerProject);
    expect(new Set(judges).size).toBe(input.judgesPerProject);
    for (const judge of judges) expect(input.eligible(judge, project)).toBe(true);
  }
  return input.judges.map((judge) => assignments.filter((assignment) => assignment.judgeId === judge).length);
}

describe('planAssignments', () => {
  it.each([
    [7, 3, 2],
    [40, 9, 3],
    [5, 4, 2],
    [12, 5, 3],
    [6, 4, 2],
    [100, 13, 3],
  ])('should balance and connect %i projects × %i judges × %i per project when nobody is conflicted', (p, j, k) => {
    const input: PlanInput = { projects: ids('p', p), judges: ids('j', j), judgesPerProject: k, eligible: () => true };
    const result = planAssignments(input);
    if (!result.ok) throw new Error('infeasible');
    const loads = expectSound(input, result.assignments);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((sum, load) => sum + load, 0)).toBe(p * k);
    expect(result).toMatchObject({ balanced: true, connected: true });
    expect(components(result.assignments)).toBe(1);
  });

  it('should never assign a conflicted judge and still balance when conflicts are spread', () => {
    // Judge jN is conflicted with every project whose index ≡ N (mod 9): 40 × 9 × 3.
    const eligible = (judge: string, project: string) => Number(judge.slice(1)) !== Number(project.slice(1)) % 9;
    const input: PlanInput = { projects: ids('p', 40), judges: ids('j', 9), judgesPerProject: 3, eligible };
    const result = planAssignments(input);
    if (!result.ok) throw new Error('infeasible');
    const loads = expectSound(input, result.assignments);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(result).toMatchObject({ balanced: true, connected: true });
  });

  it('should rebalance when greedy picks would overload the only eligible judges', () => {
    // p0..p3 can only take j0 or j1; the rest anyone: 8 × 4 × 1 must still end 2/2/2/2.
    const restricted = new Set(['p0', 'p1', 'p2', 'p3']);
    const eligible = (judge: string, project: string) => !restricted.has(project) || judge === 'j0' || judge === 'j1';
    const input: PlanInput = { projects: ids('p', 8), judges: ids('j', 4), judgesPerProject: 1, eligible };
    const result = planAssignments(input);
    if (!result.ok) throw new Error('infeasible');
    expect(expectSound(input, result.assignments)).toEqual([2, 2, 2, 2]);
  });

  it('should report the project when it has fewer eligible judges than asked', () => {
    const eligible = (judge: string, project: string) => !(project === 'p2' && judge !== 'j0');
    const result = planAssignments({ projects: ids('p', 4), judges: ids('j', 3), judgesPerProject: 2, eligible });
    expect(result).toEqual({ ok: false, projectId: 'p2', eligibleJudges: 1 });
  });

  it('should say the graph is not connected when one judge per project cannot connect it', () => {
    const result = planAssignments({ projects: ids('p', 6), judges: ids('j', 3), judgesPerProject: 1, eligible: () => true });
    expect(result).toMatchObject({ ok: true, balanced: true, connected: false });
  });

  it('should keep the balance over connectivity when every judge can have at most one project', () => {
    // 3 × 2 = 6 assignments over 10 judges: loads 0 or 1, so no two projects can share a judge.
    const result = planAssignments({ projects: ids('p', 3), judges: ids('j', 10), judgesPerProject: 2, eligible: () => true });
    expect(result).toMatchObject({ ok: true, balanced: true, connected: false });
  });

  it('should give the same plan when run twice on the same input', () => {
    const input: PlanInput = { projects: ids('p', 20), judges: ids('j', 6), judgesPerProject: 3, eligible: (j, p) => j !== `j${p.length % 6}` };
    expect(planAssignments(input)).toEqual(planAssignments(input));
  });
});
