import {
  betaDivergence,
  chooseNext,
  CROWD_BT,
  crowdBtUpdate,
  digamma,
  expectedInformationGain,
  gaussianDivergence,
  ITEM_PRIOR,
  JUDGE_PRIOR,
  logBeta,
  logGamma,
  replayVotes,
  updatedJudge,
} from './crowd-bt';

// Reference values: exact fractions where the algebra closes, otherwise 30-digit arithmetic
// (mpmath) of the same equations, checked against Gavel's crowd_bt.py run with NumPy/SciPy.

describe('special functions', () => {
  it('should match known values of the digamma function when x is small or large', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 14); // −γ
    expect(digamma(0.5)).toBeCloseTo(-1.9635100260214235, 14); // −γ − 2 ln 2
    expect(digamma(10)).toBeCloseTo(2.251752589066721, 14);
    expect(digamma(11) - digamma(10)).toBeCloseTo(0.1, 14); // ψ(x + 1) = ψ(x) + 1/x
    expect(digamma(0.1)).toBeCloseTo(-10.423754940411078, 12);
    expect(digamma(0)).toBeNaN();
  });

  it('should match known values of log-gamma and log-beta when given positive arguments', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247001, 14); // ln √π
    expect(logGamma(3.7)).toBeCloseTo(1.4280723266653879, 13);
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 11);
    expect(logBeta(10, 1)).toBeCloseTo(-2.302585092994046, 14); // B(10, 1) = 1/10
    expect(logBeta(0.5, 0.5)).toBeCloseTo(1.1447298858494002, 14); // B(½, ½) = π
    expect(logBeta(2.5, 7.25)).toBeCloseTo(-4.905336618839304, 13);
    expect(logBeta(300, 200)).toBeCloseTo(-337.98011306546465, 9);
  });

  it('should give zero divergence when both distributions are the same', () => {
    expect(gaussianDivergence(0.3, 0.7, 0.3, 0.7)).toBe(0);
    expect(betaDivergence(10, 1, 10, 1)).toBeCloseTo(0, 14);
    // KL(N(1, 1) ‖ N(0, 1)) = ½
    expect(gaussianDivergence(1, 1, 0, 1)).toBe(0.5);
  });
});

describe('crowdBtUpdate', () => {
  it('should move the items and keep the judge when a prior judge compares two prior items', () => {
    // Judge Beta(10, 1); winner and loser N(0, 1); e^μ = 1 for both.
    // c1 = 1/2 + ½·(1 + 1)·(1·1·(1 − 1))/2³ = 1/2, c2 = 1/2, c = (½·10 + ½·1)/11 = 1/2
    // E[x]  = (½·11·10 + ½·10·1)/(½·12·11) = 60/66 = 10/11
    // E[x²] = (½·12·11·10 + ½·11·10·1)/(½·13·12·11) = 715/858 = 5/6
    // var = 5/6 − 100/121 = 5/726; α' = (10/11 − 5/6)·(10/11)/(5/726) = 10; β' = (5/66)·(1/11)/(5/726) = 1
    // μ step = 10/11 − 1/2 = 9/22: μw = 9/22, μl = −9/22
    // σ² step = 10/121 − 1/4 = −81/484: σ²w = σ²l = 1·max(1 − 81/484, κ) = 403/484
    const after = crowdBtUpdate(JUDGE_PRIOR, ITEM_PRIOR, ITEM_PRIOR);
    expect(after.judge.alpha).toBeCloseTo(10, 11);
    expect(after.judge.beta).toBeCloseTo(1, 11);
    expect(after.winner.mu).toBeCloseTo(9 / 22, 15);
    expect(after.loser.mu).toBeCloseTo(-9 / 22, 15);
    expect(after.winner.sigmaSq).toBeCloseTo(403 / 484, 15);
    expect(after.loser.sigmaSq).toBeCloseTo(403 / 484, 15);
  });

  it('should lower the judge and the favourite when the judge picks the underdog', () => {
    // Winner C = N(0, 1), loser A = N(9/22, 403/484), judge Beta(10, 1); e^(9/22) = 1.505448573226
    // c1 = 1/2.505448573 + ½·(1 + 0.832644628)·(1.505448573·0.505448573)/2.505448573³
    //    = 0.399130124117 + 0.044333771988 = 0.443463896105; c = (10·c1 + (1 − c1))/11 = 0.453743187722
    // E[x]  = (110·c1 + 10·(1 − c1))/(132·c) = 54.3463896105/59.8941007794 = 0.907374664672
    // E[x²] = (1320·c1 + 110·(1 − c1))/(1716·c) = 646.591314287/778.623310132 = 0.830428919702
    // var = 0.830428919702 − 0.823328782089 = 0.007100137613
    // α' = 0.076945744971·0.907374664672/var = 9.83341779403; β' = 0.076945744971·0.092625335328/var = 1.00380102735
    // μ step = 10/11.505448573 − 0.399130124117 = 0.869153422081 − 0.399130124117 = 0.470023297965
    //   μC = 0 + 1·0.470023297965 = 0.470023297965; μA = 9/22 − 0.832644628·0.470023297965 = 0.017728534959
    // σ² step = 15.05448573/11.505448573² − 1.505448573/2.505448573² = 0.113725750966 − 0.239825268139 = −0.126099517174
    //   σ²C = 1·(1 − 0.126099517174) = 0.873900482826; σ²A = 0.832644628·(1 − 0.832644628·0.126099517174) = 0.745220201469
    const first = crowdBtUpdate(JUDGE_PRIOR, ITEM_PRIOR, ITEM_PRIOR);
    const after = crowdBtUpdate(first.judge, ITEM_PRIOR, first.winner);
    expect(updatedJudge(first.judge, ITEM_PRIOR, first.winner).c).toBeCloseTo(0.453743187722, 11);
    expect(after.judge.alpha).toBeCloseTo(9.83341779403, 10);
    expect(after.judge.beta).toBeCloseTo(1.00380102735, 10);
    expect(after.winner.mu).toBeCloseTo(0.470023297965, 11);
    expect(after.winner.sigmaSq).toBeCloseTo(0.873900482826, 11);
    expect(after.loser.mu).toBeCloseTo(0.017728534959, 11);
    expect(after.loser.sigmaSq).toBeCloseTo(0.745220201469, 11);
  });

  it('should never let a variance reach zero when the shrink factor would go negative', () => {
    const sure = crowdBtUpdate({ alpha: 1000, beta: 0.001 }, { mu: -3, sigmaSq: 50 }, { mu: 3, sigmaSq: 50 });
    expect(sure.winner.sigmaSq).toBeGreaterThan(0);
    expect(sure.loser.sigmaSq).toBeGreaterThanOrEqual(50 * CROWD_BT.kappa);
  });
});

describe('replayVotes', () => {
  it('should give the hand-computed beliefs when a scripted sequence of votes is replayed', () => {
    // J: A > B (first test above), J: C > A (second test above), then a fresh judge K: B > C.
    const state = replayVotes([
      { judgeId: 'J', winnerId: 'A', loserId: 'B' },
      { judgeId: 'J', winnerId: 'C', loserId: 'A' },
      { judgeId: 'K', winnerId: 'B', loserId: 'C' },
    ]);
    expect(state.items.get('A')!.mu).toBeCloseTo(0.01772853495930512, 12);
    expect(state.items.get('A')!.sigmaSq).toBeCloseTo(0.7452202014690953, 12);
    expect(state.items.get('B')!.mu).toBeCloseTo(0.017656610823418076, 12);
    expect(state.items.get('B')!.sigmaSq).toBeCloseTo(0.7973805898485498, 12);
    expect(state.items.get('C')!.mu).toBeCloseTo(0.022131302853168697, 12);
    expect(state.items.get('C')!.sigmaSq).toBeCloseTo(0.8350553479696645, 12);
    expect(state.judges.get('J')!.alpha).toBeCloseTo(9.83341779402923, 10);
    expect(state.judges.get('J')!.beta).toBeCloseTo(1.0038010273503419, 10);
    expect(state.judges.get('K')!.alpha).toBeCloseTo(9.582562321739307, 10);
    expect(state.judges.get('K')!.beta).toBeCloseTo(1.0131210929354395, 10);
  });

  it('should give bit-identical beliefs when the same log is replayed twice', () => {
    const log = [
      { judgeId: 'J', winnerId: 'A', loserId: 'B' },
      { judgeId: 'K', winnerId: 'B', loserId: 'C' },
    ];
    expect(replayVotes(log)).toEqual(replayVotes(log.map((vote) => ({ ...vote }))));
  });
});

describe('expectedInformationGain', () => {
  it('should match the reference gains when comparing prior and updated items', () => {
    expect(expectedInformationGain(JUDGE_PRIOR, ITEM_PRIOR, ITEM_PRIOR)).toBeCloseTo(0.1831483447699487, 12);
    const first = crowdBtUpdate(JUDGE_PRIOR, ITEM_PRIOR, ITEM_PRIOR);
    expect(expectedInformationGain(JUDGE_PRIOR, first.winner, ITEM_PRIOR)).toBeCloseTo(0.16057733393418003, 12);
    expect(expectedInformationGain(JUDGE_PRIOR, first.winner, first.loser)).toBeCloseTo(0.12818625798948319, 12);
  });
});

describe('chooseNext', () => {
  const candidates = [
    { id: 'known', ...crowdBtUpdate(JUDGE_PRIOR, ITEM_PRIOR, ITEM_PRIOR).loser },
    { id: 'fresh', ...ITEM_PRIOR },
  ];
  const previous = crowdBtUpdate(JUDGE_PRIOR, ITEM_PRIOR, ITEM_PRIOR).winner;
  // Draws for the shuffle come first, then the ε draw.
  const draws =
    (...values: number[]) =>
    () =>
      values.shift() ?? 0.99;

  it('should pick the greatest expected information gain when the ε draw is not below 0.25', () => {
    // Against the previous winner a fresh item gains 0.1606, the previous loser only 0.1282.
    expect(chooseNext(JUDGE_PRIOR, previous, candidates, draws(0, 0.25))).toBe('fresh');
    expect(chooseNext(JUDGE_PRIOR, previous, [...candidates].reverse(), draws(0.9, 0.5))).toBe('fresh');
  });

  it('should explore the first shuffled candidate when the ε draw is below 0.25', () => {
    // Shuffle draw 0 swaps the two: ['fresh', 'known'] → reversed input gives 'known' first.
    expect(chooseNext(JUDGE_PRIOR, previous, [...candidates].reverse(), draws(0, 0.1))).toBe('known');
  });

  it('should pick at random when there is no previous item and nothing when there is no candidate', () => {
    expect(chooseNext(JUDGE_PRIOR, null, candidates, draws(0))).toBe('fresh');
    expect(chooseNext(JUDGE_PRIOR, previous, [], draws())).toBeNull();
  });
});
