/** How a challenge's value moves with its solves (CTFd 3.8: `static`, `linear`, `logarithmic`). */
export enum ValueFunction {
  Static = 'static',
  Linear = 'linear',
  Logarithmic = 'logarithmic',
}

/** The parameters of a challenge's value. */
export interface ValueParams {
  function: ValueFunction;
  /** The fixed value of a static challenge. */
  value: number;
  /** Dynamic: the value before anyone solved it. */
  initial: number;
  /** Dynamic: the floor. */
  minimum: number;
  /** Dynamic: linear points lost per solve, or the logarithmic solve count at which the minimum is reached. */
  decay: number;
}

/**
 * The current value of a challenge, exactly as CTFd 3.8 computes it.
 * `solves` counts solves by teams that are neither hidden nor banned; the first solver does not lower it.
 * IEEE double arithmetic in the same order as CTFd's Python, so results agree to the digit.
 */
export function challengeValue(params: ValueParams, solves: number): number {
  if (params.function === ValueFunction.Static) return params.value;
  const n = solves > 0 ? solves - 1 : 0;
  let value: number;
  if (params.function === ValueFunction.Linear) {
    value = Math.ceil(params.initial - params.decay * n);
  } else {
    const decay = params.decay === 0 ? 1 : params.decay;
    value = Math.ceil(((params.minimum - params.initial) / decay ** 2) * n ** 2 + params.initial);
  }
  return Math.max(value, params.minimum);
}
