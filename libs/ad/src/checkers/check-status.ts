/** What a checker run or a tick says about a team's service (ForcAD's and FAUST's names). */
export enum CheckStatus {
  Ok = 'OK',
  Recovering = 'RECOVERING',
  Corrupt = 'CORRUPT',
  Mumble = 'MUMBLE',
  Down = 'DOWN',
  CheckFailed = 'CHECK_FAILED',
}

export enum CheckAction {
  Check = 'check',
  Put = 'put',
  Get = 'get',
}

const EXIT_CODES: Record<number, CheckStatus> = {
  101: CheckStatus.Ok,
  102: CheckStatus.Corrupt,
  103: CheckStatus.Mumble,
  104: CheckStatus.Down,
  110: CheckStatus.CheckFailed,
};

/**
 * ForcAD's exit codes. A checker that overran its timeout is DOWN (the rules: a service that accepts a connection and
 * never answers is the usual cause, and ForcAD does the same); any other ending (a crash, an unknown code, a memory or
 * process limit) is CHECK_FAILED, the organisers' fault, which never costs the team.
 */
export function statusOfRun(exitCode: number | null, timedOut: boolean): CheckStatus {
  if (timedOut) return CheckStatus.Down;
  return (exitCode !== null && EXIT_CODES[exitCode]) || CheckStatus.CheckFailed;
}

/** One run's outcome, as combined into the tick's status. */
export interface RunOutcome {
  action: CheckAction;
  status: CheckStatus;
  message: string;
}

/**
 * The tick's status from its runs in the order they ran (check, puts, then gets of older flags): the first failing
 * check or put decides; when those pass, a failing get makes it RECOVERING (an older flag lost), or CHECK_FAILED when
 * the get's checker failed; otherwise OK.
 */
export function combineTick(runs: RunOutcome[]): { status: CheckStatus; message: string } {
  const failedFirst = runs.find((run) => run.action !== CheckAction.Get && run.status !== CheckStatus.Ok);
  if (failedFirst) return { status: failedFirst.status, message: failedFirst.message };
  const failedGet = runs.find((run) => run.action === CheckAction.Get && run.status !== CheckStatus.Ok);
  if (!failedGet) return { status: CheckStatus.Ok, message: runs.find((run) => run.action === CheckAction.Check)?.message ?? '' };
  if (failedGet.status === CheckStatus.CheckFailed) return { status: CheckStatus.CheckFailed, message: failedGet.message };
  return { status: CheckStatus.Recovering, message: failedGet.message };
}
