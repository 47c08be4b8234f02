/** One judge asked to score one project. */
export interface PlannedAssignment {
  judgeId: string;
  projectId: string;
}

export interface PlanInput {
  /** Project ids in submission order. */
  projects: string[];
  judges: string[];
  judgesPerProject: number;
  /** False for a declared conflict, an excluded country or a track the judge does not judge. */
  eligible: (judgeId: string, projectId: string) => boolean;
}

export type PlanResult = { ok: true; assignments: PlannedAssignment[]; balanced: boolean; connected: boolean } | { ok: false; projectId: string; eligibleJudges: number };

class Components {
  private readonly parent = new Map<string, string>();

  find(node: string): string {
    let root = node;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root) as string;
    this.parent.set(node, root);
    return root;
  }

  union(a: string, b: string): void {
    this.parent.set(this.find(a), this.find(b));
  }
}

/** Judges per project and projects per judge, kept in step. */
class Plan {
  readonly onProject = new Map<string, Set<string>>();
  readonly ofJudge = new Map<string, Set<string>>();

  constructor(projects: string[], judges: string[]) {
    for (const project of projects) this.onProject.set(project, new Set());
    for (const judge of judges) this.ofJudge.set(judge, new Set());
  }

  load(judge: string): number {
    return (this.ofJudge.get(judge) as Set<string>).size;
  }

  add(judge: string, project: string): void {
    this.onProject.get(project)?.add(judge);
    this.ofJudge.get(judge)?.add(project);
  }

  move(project: string, from: string, to: string): void {
    this.onProject.get(project)?.delete(from);
    this.ofJudge.get(from)?.delete(project);
    this.add(to, project);
  }

  /** Connected components of the judge–project graph, counting only judges who have work. */
  componentCount(): number {
    const components = new Components();
    for (const [project, judges] of this.onProject) for (const judge of judges) components.union(`p:${project}`, `j:${judge}`);
    const roots = new Set<string>();
    for (const project of this.onProject.keys()) roots.add(components.find(`p:${project}`));
    return roots.size;
  }

  assignments(): PlannedAssignment[] {
    return [...this.onProject].flatMap(([projectId, judges]) => [...judges].map((judgeId) => ({ judgeId, projectId })));
  }
}

/**
 * Gives every project `judgesPerProject` distinct eligible judges, with judge loads differing by
 * at most one and the judge–project graph connected (so z-scores compare across judges) whenever
 * the eligibility allows it. Deterministic: the same input gives the same plan.
 * 1. Most constrained projects first, each takes the least-loaded eligible judges, preferring
 *    judges from other components than the project's so far (this keeps loads within one and
 *    joins components as it goes).
 * 2. Conflicts can break the balance: shift projects along paths from the busiest judges to
 *    judges with two fewer, each step to an eligible judge (the loads between stay the same).
 * 3. Should components remain, swap the judges of two assignments in different components when
 *    that joins them (loads and eligibility unchanged).
 */
export function planAssignments(input: PlanInput): PlanResult {
  const { projects, judges, judgesPerProject: k, eligible } = input;
  const eligibleFor = new Map(projects.map((project) => [project, judges.filter((judge) => eligible(judge, project))]));
  for (const project of projects) {
    const count = (eligibleFor.get(project) as string[]).length;
    if (count < k) return { ok: false, projectId: project, eligibleJudges: count };
  }
  const plan = new Plan(projects, judges);
  const order = [...projects].sort((a, b) => (eligibleFor.get(a) as string[]).length - (eligibleFor.get(b) as string[]).length);
  const components = new Components();
  for (const project of order) pickJudges(plan, components, project, eligibleFor.get(project) as string[], k);
  rebalance(plan, judges, eligible);
  joinComponents(plan, eligible);
  const loads = judges.map((judge) => plan.load(judge));
  return {
    ok: true,
    assignments: plan.assignments(),
    balanced: loads.length === 0 || Math.max(...loads) - Math.min(...loads) <= 1,
    connected: plan.componentCount() <= 1,
  };
}

function pickJudges(plan: Plan, components: Components, project: string, candidates: string[], k: number): void {
  const node = `p:${project}`;
  for (let picked = 0; picked < k; picked++) {
    let best: string | null = null;
    let bestKey: [number, number] = [Infinity, Infinity];
    for (const judge of candidates) {
      if (plan.onProject.get(project)?.has(judge)) continue;
      const key: [number, number] = [plan.load(judge), components.find(`j:${judge}`) === components.find(node) ? 1 : 0];
      if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
        best = judge;
        bestKey = key;
      }
    }
    plan.add(best as string, project);
    components.union(node, `j:${best}`);
  }
}

/** Moves work from busy judges to judges with at least two fewer projects, along eligible paths. */
function rebalance(plan: Plan, judges: string[], eligible: PlanInput['eligible']): void {
  for (;;) {
    const sources = [...judges].sort((a, b) => plan.load(b) - plan.load(a));
    const moved = sources.some((source) => shiftFrom(plan, judges, source, eligible));
    if (!moved) return;
  }
}

function shiftFrom(plan: Plan, judges: string[], source: string, eligible: PlanInput['eligible']): boolean {
  const limit = plan.load(source) - 2;
  const via = new Map<string, { from: string; project: string }>();
  const queue = [source];
  const seen = new Set([source]);
  while (queue.length) {
    const judge = queue.shift() as string;
    for (const project of plan.ofJudge.get(judge) as Set<string>) {
      for (const next of judges) {
        if (seen.has(next) || plan.onProject.get(project)?.has(next) || !eligible(next, project)) continue;
        seen.add(next);
        via.set(next, { from: judge, project });
        if (plan.load(next) <= limit) {
          for (let at = next; at !== source;) {
            const step = via.get(at) as { from: string; project: string };
            plan.move(step.project, step.from, at);
            at = step.from;
          }
          return true;
        }
        queue.push(next);
      }
    }
  }
  return false;
}

/** Swaps judges between assignments of different components while that lowers the component count. */
function joinComponents(plan: Plan, eligible: PlanInput['eligible']): void {
  let count = plan.componentCount();
  let budget = 200_000;
  while (count > 1 && budget > 0) {
    let improved = false;
    const all = plan.assignments();
    search: for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i];
        const b = all[j];
        if (a.judgeId === b.judgeId || a.projectId === b.projectId || --budget <= 0) continue;
        if (plan.onProject.get(a.projectId)?.has(b.judgeId) || plan.onProject.get(b.projectId)?.has(a.judgeId)) continue;
        if (!eligible(b.judgeId, a.projectId) || !eligible(a.judgeId, b.projectId)) continue;
        plan.move(a.projectId, a.judgeId, b.judgeId);
        plan.move(b.projectId, b.judgeId, a.judgeId);
        const after = plan.componentCount();
        if (after < count) {
          count = after;
          improved = true;
          break search;
        }
        plan.move(b.projectId, a.judgeId, b.judgeId);
        plan.move(a.projectId, b.judgeId, a.judgeId);
      }
    }
    if (!improved) return;
  }
}
