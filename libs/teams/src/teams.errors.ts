import { ArenaError, ErrorKind } from '@arena/common';

export enum TeamsErrorCode {
  TeamNotFound = 'team-not-found',
  NotInTeam = 'not-in-team',
  NameTaken = 'team-name-taken',
  AlreadyInTeam = 'already-in-team',
  TeamFull = 'team-full',
  TeamLocked = 'team-locked',
  UnknownDivision = 'unknown-division',
  NotCaptain = 'not-captain',
  MemberNotFound = 'member-not-found',
  TeamBanned = 'team-banned',
  TooManyInviteMisses = 'too-many-invite-misses',
  TeamStarted = 'team-started',
  TeamHasHistory = 'team-has-history',
  BannedTeamKept = 'banned-team-kept',
}

const kinds: Record<TeamsErrorCode, ErrorKind> = {
  [TeamsErrorCode.TeamNotFound]: ErrorKind.NotFound,
  [TeamsErrorCode.NotInTeam]: ErrorKind.NotFound,
  [TeamsErrorCode.NameTaken]: ErrorKind.Conflict,
  [TeamsErrorCode.AlreadyInTeam]: ErrorKind.Conflict,
  [TeamsErrorCode.TeamFull]: ErrorKind.Conflict,
  [TeamsErrorCode.TeamLocked]: ErrorKind.Conflict,
  [TeamsErrorCode.UnknownDivision]: ErrorKind.Invalid,
  [TeamsErrorCode.NotCaptain]: ErrorKind.Forbidden,
  [TeamsErrorCode.MemberNotFound]: ErrorKind.NotFound,
  [TeamsErrorCode.TeamBanned]: ErrorKind.Forbidden,
  [TeamsErrorCode.TooManyInviteMisses]: ErrorKind.RateLimited,
  [TeamsErrorCode.TeamStarted]: ErrorKind.Conflict,
  [TeamsErrorCode.TeamHasHistory]: ErrorKind.Conflict,
  [TeamsErrorCode.BannedTeamKept]: ErrorKind.Conflict,
};

export class TeamsError extends ArenaError {
  constructor(code: TeamsErrorCode, message: string, retryAfterSeconds?: number) {
    super(kinds[code], code, message, retryAfterSeconds);
  }
}

/** Every contest write of a banned team's members is refused (403); each kind's access helper calls this. */
export function assertPlaying<T extends { banned: boolean }>(team: T): T {
  if (team.banned) throw new TeamsError(TeamsErrorCode.TeamBanned, 'your team is disqualified: the organisers banned it');
  return team;
}
