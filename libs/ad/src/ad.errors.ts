import { ArenaError, ErrorKind } from '@arena/common';

export enum AdErrorCode {
  WrongEventKind = 'wrong-event-kind',
  InvalidService = 'invalid-service',
  ServiceNameTaken = 'service-name-taken',
  InvalidVulnboxes = 'invalid-vulnboxes',
  NotInTeam = 'not-in-team',
  OutsideWindow = 'outside-contest-window',
  TooManyFlags = 'too-many-flags',
  BoardHidden = 'board-hidden',
}

const kinds: Record<AdErrorCode, ErrorKind> = {
  [AdErrorCode.WrongEventKind]: ErrorKind.NotFound,
  [AdErrorCode.InvalidService]: ErrorKind.Invalid,
  [AdErrorCode.ServiceNameTaken]: ErrorKind.Conflict,
  [AdErrorCode.InvalidVulnboxes]: ErrorKind.Invalid,
  [AdErrorCode.NotInTeam]: ErrorKind.Forbidden,
  [AdErrorCode.OutsideWindow]: ErrorKind.Forbidden,
  [AdErrorCode.TooManyFlags]: ErrorKind.RateLimited,
  [AdErrorCode.BoardHidden]: ErrorKind.NotFound,
};

export class AdError extends ArenaError {
  constructor(code: AdErrorCode, message: string, retryAfterSeconds?: number) {
    super(kinds[code], code, message, retryAfterSeconds);
  }
}
