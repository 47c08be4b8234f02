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
};

export class TeamsError extends ArenaError {
  constructor(code: TeamsErrorCode, message: string) {
    super(kinds[code], code, message);
  }
}
