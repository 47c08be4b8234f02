import { ArenaError, ErrorKind } from '@arena/common';

export enum CtfErrorCode {
  ChallengeNotFound = 'challenge-not-found',
  ChallengeNameTaken = 'challenge-name-taken',
  InvalidChallenge = 'invalid-challenge',
  UnknownRequirement = 'unknown-requirement',
  NotInTeam = 'not-in-team',
  NotStarted = 'event-not-started',
  OutsideWindow = 'outside-contest-window',
  NoAttemptsLeft = 'no-attempts-left',
  TooManyAttempts = 'too-many-wrong-attempts',
  HintNotFound = 'hint-not-found',
  ScoreTooLow = 'score-too-low',
  FileNotFound = 'file-not-found',
  AwardNotFound = 'award-not-found',
  AnnouncementNotFound = 'announcement-not-found',
  TeamNotFound = 'team-not-found',
  InvalidImport = 'invalid-import',
  LeaderboardHidden = 'leaderboard-hidden',
  WrongEventKind = 'wrong-event-kind',
}

const kinds: Record<CtfErrorCode, ErrorKind> = {
  [CtfErrorCode.ChallengeNotFound]: ErrorKind.NotFound,
  [CtfErrorCode.ChallengeNameTaken]: ErrorKind.Conflict,
  [CtfErrorCode.InvalidChallenge]: ErrorKind.Invalid,
  [CtfErrorCode.UnknownRequirement]: ErrorKind.Invalid,
  [CtfErrorCode.NotInTeam]: ErrorKind.Forbidden,
  [CtfErrorCode.NotStarted]: ErrorKind.Forbidden,
  [CtfErrorCode.OutsideWindow]: ErrorKind.Forbidden,
  [CtfErrorCode.NoAttemptsLeft]: ErrorKind.Forbidden,
  [CtfErrorCode.TooManyAttempts]: ErrorKind.RateLimited,
  [CtfErrorCode.HintNotFound]: ErrorKind.NotFound,
  [CtfErrorCode.ScoreTooLow]: ErrorKind.Conflict,
  [CtfErrorCode.FileNotFound]: ErrorKind.NotFound,
  [CtfErrorCode.AwardNotFound]: ErrorKind.NotFound,
  [CtfErrorCode.AnnouncementNotFound]: ErrorKind.NotFound,
  [CtfErrorCode.TeamNotFound]: ErrorKind.NotFound,
  [CtfErrorCode.InvalidImport]: ErrorKind.Invalid,
  [CtfErrorCode.LeaderboardHidden]: ErrorKind.NotFound,
  [CtfErrorCode.WrongEventKind]: ErrorKind.NotFound,
};

export class CtfError extends ArenaError {
  declare readonly code: CtfErrorCode;

  constructor(code: CtfErrorCode, message: string, retryAfterSeconds?: number) {
    super(kinds[code], code, message, retryAfterSeconds);
  }
}
