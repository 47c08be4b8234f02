import { CheckAction, CheckStatus, combineTick, statusOfRun } from './check-status';

const run = (action: CheckAction, status: CheckStatus, message: string = status) => ({ action, status, message });

describe('check statuses', () => {
  it('should map ForcAD exit codes, a timeout to DOWN, and anything else to CHECK_FAILED', () => {
    expect([101, 102, 103, 104, 110].map((code) => statusOfRun(code, false))).toEqual(['OK', 'CORRUPT', 'MUMBLE', 'DOWN', 'CHECK_FAILED']);
    expect(statusOfRun(101, true)).toBe('DOWN');
    expect(statusOfRun(1, false)).toBe('CHECK_FAILED');
    expect(statusOfRun(null, false)).toBe('CHECK_FAILED');
  });

  it('should be OK when every run passed', () => {
    expect(combineTick([run(CheckAction.Check, CheckStatus.Ok, 'fine'), run(CheckAction.Put, CheckStatus.Ok), run(CheckAction.Get, CheckStatus.Ok)])).toEqual({
      status: 'OK',
      message: 'fine',
    });
  });

  it('should be RECOVERING when check and put pass but an older flag is lost', () => {
    expect(combineTick([run(CheckAction.Check, CheckStatus.Ok), run(CheckAction.Put, CheckStatus.Ok), run(CheckAction.Get, CheckStatus.Corrupt, 'lost')])).toEqual({
      status: 'RECOVERING',
      message: 'lost',
    });
  });

  it('should take the first failing check or put when one fails', () => {
    expect(combineTick([run(CheckAction.Check, CheckStatus.Mumble), run(CheckAction.Put, CheckStatus.Down)]).status).toBe('MUMBLE');
    expect(combineTick([run(CheckAction.Check, CheckStatus.Ok), run(CheckAction.Put, CheckStatus.Corrupt), run(CheckAction.Get, CheckStatus.Down)]).status).toBe('CORRUPT');
    expect(combineTick([run(CheckAction.Check, CheckStatus.Down)]).status).toBe('DOWN');
  });

  it('should be CHECK_FAILED, not RECOVERING, when a get failed through the checker', () => {
    expect(combineTick([run(CheckAction.Check, CheckStatus.Ok), run(CheckAction.Put, CheckStatus.Ok), run(CheckAction.Get, CheckStatus.CheckFailed)]).status).toBe('CHECK_FAILED');
  });
});
