// Crowd-BT pairwise ranking (Chen, Bennett, Collins-Thompson, Horvitz, WSDM 2013) with the
// constants and update order of Gavel's expo judging; written from the paper's equations.

/** Gavel's constants (scoring.md, pairwise mode). */
export const CROWD_BT = {
  /** Weight of the judge's information gain against the items'. */
  gamma: 0.1,
  /** Floor of the variance shrink factor, so σ² stays positive. */
  kappa: 1e-4,
  muPrior: 0,
  sigmaSqPrior: 1,
  /** A judge starts out trusted: Beta(10, 1), mean 10/11 of agreeing with the truth. */
  alphaPrior: 10,
  betaPrior: 1,
  /** Share of picks made at random instead of by expected information gain. */
  epsilon: 0.25,
} as const;

/** A project's Gaussian belief of quality. */
export interface ItemBelief {
  mu: number;
  sigmaSq: number;
}

/** A judge's Beta belief of reliability. */
export interface JudgeBelief {
  alpha: number;
  beta: number;
}

export const ITEM_PRIOR: ItemBelief = { mu: CROWD_BT.muPrior, sigmaSq: CROWD_BT.sigmaSqPrior };
export const JUDGE_PRIOR: JudgeBelief = { alpha: CROWD_BT.alphaPrior, beta: CROWD_BT.betaPrior };

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0: the recurrence up to x ≥ 10, then Stirling's series (error below 1e-15 there). */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shift = 0;
  while (x < 10) {
    shift += Math.log(x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // Σ B_2n / (2n (2n − 1) x^(2n − 1)) for n = 1..7
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 * (1 / 1188 - inv2 * (691 / 360360 - inv2 / 156))))));
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + series - shift;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** ψ(x) = d/dx ln Γ(x) for x > 0: ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series. */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shift = 0;
  while (x < 10) {
    shift += 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // ln x − 1/(2x) − Σ B_2n / (2n x^(2n)) for n = 1..7
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return Math.log(x) - 0.5 / x - series - shift;
}

/** KL(N(μ1, σ1²) ‖ N(μ2, σ2²)). */
export function gaussianDivergence(mu1: number, sigmaSq1: number, mu2: number, sigmaSq2: number): number {
  const ratio = sigmaSq1 / sigmaSq2;
  return (mu1 - mu2) ** 2 / (2 * sigmaSq2) + (ratio - 1 - Math.log(ratio)) / 2;
}

/** KL(Beta(α1, β1) ‖ Beta(α2, β2)). */
export function betaDivergence(alpha1: number, beta1: number, alpha2: number, beta2: number): number {
  return (
    logBeta(alpha2, beta2) -
    logBeta(alpha1, beta1) +
    (alpha1 - alpha2) * digamma(alpha1) +
    (beta1 - beta2) * digamma(beta1) +
    (alpha2 - alpha1 + beta2 - beta1) * digamma(alpha1 + beta1)
  );
}

/**
 * The judge's Beta moment-matched after saying `winner` beats `loser`, and c, the predicted
 * probability of that answer. c1 is the second-order expansion of P(winner > loser) over the
 * item beliefs; the new (α, β) match the first two moments of the judge's posterior.
 */
export function updatedJudge(judge: JudgeBelief, winner: ItemBelief, loser: ItemBelief): JudgeBelief & { c: number } {
  const { alpha, beta } = judge;
  const ew = Math.exp(winner.mu);
  const el = Math.exp(loser.mu);
  const c1 = ew / (ew + el) + (0.5 * (winner.sigmaSq + loser.sigmaSq) * (ew * el * (el - ew))) / (ew + el) ** 3;
  const c2 = 1 - c1;
  const c = (c1 * alpha + c2 * beta) / (alpha + beta);
  const expt = (c1 * (alpha + 1) * alpha + c2 * alpha * beta) / (c * (alpha + beta + 1) * (alpha + beta));
  const exptSq = (c1 * (alpha + 2) * (alpha + 1) * alpha + c2 * (alpha + 1) * alpha * beta) / (c * (alpha + beta + 2) * (alpha + beta + 1) * (alpha + beta));
  const variance = exptSq - expt ** 2;
  return {
    alpha: ((expt - exptSq) * expt) / variance,
    beta: ((expt - exptSq) * (1 - expt)) / variance,
    c,
  };
}

/** The items' means after the vote: each moves by its σ² times the surprise of the answer. */
export function updatedMeans(judge: JudgeBelief, winner: ItemBelief, loser: ItemBelief): { winner: number; loser: number } {
  const ew = Math.exp(winner.mu);
  const el = Math.exp(loser.mu);
  const step = (judge.alpha * ew) / (judge.alpha * ew + judge.beta * el) - ew / (ew + el);
  return { winner: winner.mu + winner.sigmaSq * step, loser: loser.mu - loser.sigmaSq * step };
}

/** The items' variances after the vote, each shrunk by max(1 + σ² · m, κ). */
export function updatedVariances(judge: JudgeBelief, winner: ItemBelief, loser: ItemBelief): { winner: number; loser: number } {
  const ew = Math.exp(winner.mu);
  const el = Math.exp(loser.mu);
  const aw = judge.alpha * ew;
  const bl = judge.beta * el;
  const step = (aw * bl) / (aw + bl) ** 2 - (ew * el) / (ew + el) ** 2;
  return {
    winner: winner.sigmaSq * Math.max(1 + winner.sigmaSq * step, CROWD_BT.kappa),
    loser: loser.sigmaSq * Math.max(1 + loser.sigmaSq * step, CROWD_BT.kappa),
  };
}

/** One vote: every new value is computed from the beliefs before the vote. */
export function crowdBtUpdate(judge: JudgeBelief, winner: ItemBelief, loser: ItemBelief): { judge: JudgeBelief; winner: ItemBelief; loser: ItemBelief } {
  const { alpha, beta } = updatedJudge(judge, winner, loser);
  const means = updatedMeans(judge, winner, loser);
  const variances = updatedVariances(judge, winner, loser);
  return {
    judge: { alpha, beta },
    winner: { mu: means.winner, sigmaSq: variances.winner },
    loser: { mu: means.loser, sigmaSq: variances.loser },
  };
}

/** The expected information gain of asking `judge` to compare `a` (seen last) with `b`. */
export function expectedInformationGain(judge: JudgeBelief, a: ItemBelief, b: ItemBelief): number {
  const gain = (winner: ItemBelief, loser: ItemBelief) => {
    const after = crowdBtUpdate(judge, winner, loser);
    return (
      gaussianDivergence(after.winner.mu, after.winner.sigmaSq, winner.mu, winner.sigmaSq) +
      gaussianDivergence(after.loser.mu, after.loser.sigmaSq, loser.mu, loser.sigmaSq) +
      CROWD_BT.gamma * betaDivergence(after.judge.alpha, after.judge.beta, judge.alpha, judge.beta)
    );
  };
  const aAbove = updatedJudge(judge, a, b).c;
  return aAbove * gain(a, b) + (1 - aAbove) * gain(b, a);
}

/** A candidate for a judge's next comparison. */
export interface Candidate extends ItemBelief {
  id: string;
}

/**
 * Gavel's pick: shuffle the candidates; with probability ε (or without a previous item) the first
 * one, otherwise the one of greatest expected information gain against `previous` (the first of
 * equals in the shuffled order). `random` returns numbers in [0, 1).
 */
export function chooseNext(judge: JudgeBelief, previous: ItemBelief | null, candidates: Candidate[], random: () => number = Math.random): string | null {
  if (candidates.length === 0) return null;
  const shuffled = [...candidates];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  if (!previous || random() < CROWD_BT.epsilon) return shuffled[0].id;
  let best = shuffled[0];
  let bestGain = expectedInformationGain(judge, previous, best);
  for (const candidate of shuffled.slice(1)) {
    const gain = expectedInformationGain(judge, previous, candidate);
    if (gain > bestGain) {
      best = candidate;
      bestGain = gain;
    }
  }
  return best.id;
}

/** A vote of the log: `judgeId` preferred `winnerId` to `loserId`. */
export interface PairwiseVote {
  judgeId: string;
  winnerId: string;
  loserId: string;
}

/** Everyone's beliefs after replaying `votes` in order from the priors. */
export interface CrowdBtState {
  items: Map<string, ItemBelief>;
  judges: Map<string, JudgeBelief>;
}

/** Replays a vote log from the priors; the same log always gives the same state, to the bit. */
export function replayVotes(votes: PairwiseVote[]): CrowdBtState {
  const items = new Map<string, ItemBelief>();
  const judges = new Map<string, JudgeBelief>();
  for (const vote of votes) {
    const after = crowdBtUpdate(judges.get(vote.judgeId) ?? JUDGE_PRIOR, items.get(vote.winnerId) ?? ITEM_PRIOR, items.get(vote.loserId) ?? ITEM_PRIOR);
    judges.set(vote.judgeId, after.judge);
    items.set(vote.winnerId, after.winner);
    items.set(vote.loserId, after.loser);
  }
  return { items, judges };
}
