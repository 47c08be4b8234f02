/** How judges' totals become a project's score (scoring.md, Hackathon judging). */
export enum Normalisation {
  ZScore = 'zscore',
  None = 'none',
}

/** A rubric criterion: `weight` > 0 and `max` > `min`. */
export interface RubricCriterion {
  id: string;
  weight: number;
  min: number;
  max: number;
}

/** One judge's marks for one project: criterion id → mark. */
export interface RubricScoreSet {
  judgeId: string;
  projectId: string;
  scores: Record<string, number>;
}

/** A project to rank; `submittedAt` breaks the last ties (earlier first). */
export interface RubricProject {
  id: string;
  submittedAt: Date;
}

/** One judge's view of a project: the weighted total `raw` (0..1) and its z within that judge's totals. */
export interface JudgeMark {
  judgeId: string;
  raw: number;
  z: number;
}

/** A ranked project; `score` is null (and ranks last) when no judge scored it. */
export interface RankedRubricProject {
  projectId: string;
  rank: number;
  /** The mean z (zscore) or the mean raw total (none). */
  score: number | null;
  /** The mean weighted total over the project's judges. */
  meanRaw: number | null;
  judges: JudgeMark[];
}

/** T = Σ weight_c · (x_c − min_c) / (max_c − min_c) / Σ weight_c, in 0..1. */
export function weightedTotal(criteria: RubricCriterion[], scores: Record<string, number>): number {
  let weighted = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const mark = scores[criterion.id];
    if (mark === undefined) throw new Error(`no mark for criterion ${criterion.id}`);
    weighted += (criterion.weight * (mark - criterion.min)) / (criterion.max - criterion.min);
    weights += criterion.weight;
  }
  return weights === 0 ? 0 : weighted / weights;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Per judge, over the projects that judge scored: z = (T − mean) / sd with the population sd.
 * z is 0 when the judge scored one project or gave every project the same total (sd 0; compared
 * exactly, so rounding in the mean never turns equal totals into ±1).
 */
export function judgeMarks(criteria: RubricCriterion[], sets: RubricScoreSet[]): Map<string, JudgeMark[]> {
  const byJudge = new Map<string, { projectId: string; raw: number }[]>();
  for (const set of sets) {
    const list = byJudge.get(set.judgeId) ?? [];
    list.push({ projectId: set.projectId, raw: weightedTotal(criteria, set.scores) });
    byJudge.set(set.judgeId, list);
  }
  const byProject = new Map<string, JudgeMark[]>();
  for (const [judgeId, totals] of byJudge) {
    const raws = totals.map((total) => total.raw);
    const flat = raws.every((raw) => raw === raws[0]);
    const average = mean(raws);
    const sd = Math.sqrt(mean(raws.map((raw) => (raw - average) ** 2)));
    for (const { projectId, raw } of totals) {
      const z = flat || sd === 0 ? 0 : (raw - average) / sd;
      const list = byProject.get(projectId) ?? [];
      list.push({ judgeId, raw, z });
      byProject.set(projectId, list);
    }
  }
  return byProject;
}

/**
 * Ranks projects: score (mean z, or mean raw with `none`) descending, then mean raw descending,
 * then earlier submission. Projects nobody scored follow, by submission. Ranks are 1-based and
 * never shared (the submission time always separates two projects).
 */
export function rankRubricProjects(projects: RubricProject[], criteria: RubricCriterion[], sets: RubricScoreSet[], normalisation: Normalisation): RankedRubricProject[] {
  const known = new Set(projects.map((project) => project.id));
  const marks = judgeMarks(
    criteria,
    sets.filter((set) => known.has(set.projectId)),
  );
  const rows = projects.map((project) => {
    const judges = (marks.get(project.id) ?? []).sort((a, b) => (a.judgeId < b.judgeId ? -1 : a.judgeId > b.judgeId ? 1 : 0));
    const meanRaw = judges.length ? mean(judges.map((mark) => mark.raw)) : null;
    const meanZ = judges.length ? mean(judges.map((mark) => mark.z)) : null;
    const score = normalisation === Normalisation.ZScore ? meanZ : meanRaw;
    return { project, row: { projectId: project.id, rank: 0, score, meanRaw, judges } };
  });
  rows.sort((a, b) => compareRows(a.row, b.row) || a.project.submittedAt.getTime() - b.project.submittedAt.getTime() || (a.project.id < b.project.id ? -1 : 1));
  return rows.map(({ row }, index) => ({ ...row, rank: index + 1 }));
}

function compareRows(a: RankedRubricProject, b: RankedRubricProject): number {
  if (a.score === null || b.score === null) return (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0);
  return b.score - a.score || (b.meanRaw as number) - (a.meanRaw as number);
}
