import { ArenaError, ErrorKind } from '@arena/common';

export enum SubmissionsErrorCode {
  TooLarge = 'upload-too-large',
  NotMultipart = 'not-multipart',
  MissingFile = 'missing-file',
  UnknownField = 'unknown-field',
  BadArchive = 'bad-archive',
  WrongEventKind = 'wrong-event-kind',
  TaskNotFound = 'task-not-found',
  TaskNameTaken = 'task-name-taken',
  InvalidTask = 'invalid-task',
  NotInTeam = 'not-in-team',
  OutsideWindow = 'outside-window',
  DailyLimit = 'daily-limit',
  TotalLimit = 'submission-limit',
  SubmissionNotFound = 'submission-not-found',
  TooManyFinal = 'too-many-final',
  NotScored = 'not-scored',
  FinalsClosed = 'finals-closed',
  InFlightLimit = 'in-flight-limit',
  NotRescorable = 'not-rescorable',
  TaskScored = 'task-has-scores',
  TaskBusy = 'task-busy',
}

const kinds: Record<SubmissionsErrorCode, ErrorKind> = {
  [SubmissionsErrorCode.TooLarge]: ErrorKind.TooLarge,
  [SubmissionsErrorCode.NotMultipart]: ErrorKind.Invalid,
  [SubmissionsErrorCode.MissingFile]: ErrorKind.Invalid,
  [SubmissionsErrorCode.UnknownField]: ErrorKind.Invalid,
  [SubmissionsErrorCode.BadArchive]: ErrorKind.Invalid,
  [SubmissionsErrorCode.WrongEventKind]: ErrorKind.NotFound,
  [SubmissionsErrorCode.TaskNotFound]: ErrorKind.NotFound,
  [SubmissionsErrorCode.TaskNameTaken]: ErrorKind.Conflict,
  [SubmissionsErrorCode.InvalidTask]: ErrorKind.Invalid,
  [SubmissionsErrorCode.NotInTeam]: ErrorKind.Forbidden,
  [SubmissionsErrorCode.OutsideWindow]: ErrorKind.Forbidden,
  [SubmissionsErrorCode.DailyLimit]: ErrorKind.RateLimited,
  [SubmissionsErrorCode.TotalLimit]: ErrorKind.RateLimited,
  [SubmissionsErrorCode.SubmissionNotFound]: ErrorKind.NotFound,
  [SubmissionsErrorCode.TooManyFinal]: ErrorKind.Conflict,
  [SubmissionsErrorCode.NotScored]: ErrorKind.Conflict,
  [SubmissionsErrorCode.FinalsClosed]: ErrorKind.Conflict,
  [SubmissionsErrorCode.InFlightLimit]: ErrorKind.RateLimited,
  [SubmissionsErrorCode.NotRescorable]: ErrorKind.Conflict,
  [SubmissionsErrorCode.TaskScored]: ErrorKind.Conflict,
  [SubmissionsErrorCode.TaskBusy]: ErrorKind.Conflict,
};

export class SubmissionsError extends ArenaError {
  constructor(code: SubmissionsErrorCode, message: string, retryAfterSeconds?: number) {
    super(kinds[code], code, message, retryAfterSeconds);
  }
}
