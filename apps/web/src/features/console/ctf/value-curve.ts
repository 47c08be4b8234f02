/** The value functions a challenge can have: `static` is the contract's `type: "standard"`, the others `"dynamic"`. */
export type ValueFunctionName = 'static' | 'linear' | 'logarithmic';

export interface CurveParams {
  function: ValueFunctionName;
  value: number;
  initial: number;
  minimum: number;
  decay: number;
}

/**
 * A challenge's value after `solves` solves, for the editor's preview only (the API computes every value the boards
 * show). It mirrors libs/scoring's challengeValue step by step (scoring.md, CTFd 3.8), and the spec beside this file
 * holds it to that function over a grid of parameters.
 */
export function previewValue(params: CurveParams, solves: number): number {
  if (params.function === 'static') return params.value;
  const n = solves > 0 ? solves - 1 : 0;
  let value: number;
  if (params.function === 'linear') {
    value = Math.ceil(params.initial - params.decay * n);
  } else {
    const decay = params.decay === 0 ? 1 : params.decay;
    value = Math.ceil(((params.minimum - params.initial) / decay ** 2) * n ** 2 + params.initial);
  }
  return Math.max(value, params.minimum);
}

/** How many solves the preview spans: past the point the minimum is reached, at least 20, at most 500. */
export function curveLength(params: CurveParams): number {
  if (params.function === 'static') return 20;
  const reach = params.function === 'linear' ? (params.decay > 0 ? Math.ceil((params.initial - params.minimum) / params.decay) + 1 : 20) : Math.max(params.decay, 1) + 1;
  return Math.min(500, Math.max(20, Math.ceil(reach * 1.25)));
}

/** Solve counts 1..length and the value after each. */
export function curvePoints(params: CurveParams): { solves: number[]; values: number[] } {
  const length = curveLength(params);
  const solves = Array.from({ length }, (_, index) => index + 1);
  return { solves, values: solves.map((count) => previewValue(params, count)) };
}
