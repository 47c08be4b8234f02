/** How projects are judged: rubric scores from assigned judges, or pairwise comparisons (Crowd-BT). */
export enum JudgingMode {
  Rubric = 'rubric',
  Pairwise = 'pairwise',
}
