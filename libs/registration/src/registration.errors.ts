import { ArenaError, ErrorKind } from '@arena/common';

export enum RegistrationErrorCode {
  Busy = 'busy',
  EmailTaken = 'email-taken',
  InvalidCredentials = 'invalid-credentials',
  InvalidRefreshToken = 'invalid-refresh-token',
  TooManyLoginFailures = 'too-many-login-failures',
  TooManyWrites = 'too-many-writes',
  UserNotFound = 'user-not-found',
  EventNotFound = 'event-not-found',
  SlugTaken = 'slug-taken',
  NotOrganiser = 'not-organiser',
  InvalidEventWindow = 'invalid-event-window',
  InvalidTeamSize = 'invalid-team-size',
  InvalidAdSettings = 'invalid-ad-settings',
  RegistrationClosed = 'registration-closed',
  AlreadyRegistered = 'already-registered',
  CountryNotEligible = 'country-not-eligible',
  RegistrationNotFound = 'registration-not-found',
  InvalidStatusChange = 'invalid-status-change',
  EventFull = 'event-full',
  StillInTeam = 'still-in-team',
  NotRegistered = 'not-registered',
  Disqualified = 'disqualified',
  RegistrationRejected = 'registration-rejected',
  InvalidQuestions = 'invalid-questions',
  InvalidAnswers = 'invalid-answers',
  RegistrationDecided = 'registration-decided',
  AccountDisabled = 'account-disabled',
  InvalidUserUpdate = 'invalid-user-update',
  OwnAccount = 'own-account',
  AdminsOnly = 'admins-only',
}

const kinds: Record<RegistrationErrorCode, ErrorKind> = {
  [RegistrationErrorCode.Busy]: ErrorKind.Unavailable,
  [RegistrationErrorCode.EmailTaken]: ErrorKind.Conflict,
  [RegistrationErrorCode.InvalidCredentials]: ErrorKind.Unauthenticated,
  [RegistrationErrorCode.InvalidRefreshToken]: ErrorKind.Unauthenticated,
  [RegistrationErrorCode.TooManyLoginFailures]: ErrorKind.RateLimited,
  [RegistrationErrorCode.TooManyWrites]: ErrorKind.RateLimited,
  [RegistrationErrorCode.UserNotFound]: ErrorKind.NotFound,
  [RegistrationErrorCode.EventNotFound]: ErrorKind.NotFound,
  [RegistrationErrorCode.SlugTaken]: ErrorKind.Conflict,
  [RegistrationErrorCode.NotOrganiser]: ErrorKind.Forbidden,
  [RegistrationErrorCode.InvalidEventWindow]: ErrorKind.Invalid,
  [RegistrationErrorCode.InvalidTeamSize]: ErrorKind.Invalid,
  [RegistrationErrorCode.InvalidAdSettings]: ErrorKind.Invalid,
  [RegistrationErrorCode.RegistrationClosed]: ErrorKind.Conflict,
  [RegistrationErrorCode.AlreadyRegistered]: ErrorKind.Conflict,
  [RegistrationErrorCode.CountryNotEligible]: ErrorKind.Forbidden,
  [RegistrationErrorCode.RegistrationNotFound]: ErrorKind.NotFound,
  [RegistrationErrorCode.InvalidStatusChange]: ErrorKind.Conflict,
  [RegistrationErrorCode.EventFull]: ErrorKind.Conflict,
  [RegistrationErrorCode.StillInTeam]: ErrorKind.Conflict,
  [RegistrationErrorCode.NotRegistered]: ErrorKind.Forbidden,
  [RegistrationErrorCode.Disqualified]: ErrorKind.Forbidden,
  [RegistrationErrorCode.RegistrationRejected]: ErrorKind.Conflict,
  [RegistrationErrorCode.InvalidQuestions]: ErrorKind.Invalid,
  [RegistrationErrorCode.InvalidAnswers]: ErrorKind.Invalid,
  [RegistrationErrorCode.RegistrationDecided]: ErrorKind.Conflict,
  [RegistrationErrorCode.AccountDisabled]: ErrorKind.Forbidden,
  [RegistrationErrorCode.InvalidUserUpdate]: ErrorKind.Invalid,
  [RegistrationErrorCode.OwnAccount]: ErrorKind.Conflict,
  [RegistrationErrorCode.AdminsOnly]: ErrorKind.Forbidden,
};

/** Errors of users, auth, events and registrations. */
export class RegistrationError extends ArenaError {
  constructor(code: RegistrationErrorCode, message: string, retryAfterSeconds?: number) {
    super(kinds[code], code, message, retryAfterSeconds);
  }
}
