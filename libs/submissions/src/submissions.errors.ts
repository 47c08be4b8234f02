import { ArenaError, ErrorKind } from '@arena/common';

export enum SubmissionsErrorCode {
  TooLarge = 'upload-too-large',
  NotMultipart = 'not-multipart',
  MissingFile = 'missing-file',
  UnknownField = 'unknown-field',
  BadArchive = 'bad-archive',
}

const kinds: Record<SubmissionsErrorCode, ErrorKind> = {
  [SubmissionsErrorCode.TooLarge]: ErrorKind.TooLarge,
  [SubmissionsErrorCode.NotMultipart]: ErrorKind.Invalid,
  [SubmissionsErrorCode.MissingFile]: ErrorKind.Invalid,
  [SubmissionsErrorCode.UnknownField]: ErrorKind.Invalid,
  [SubmissionsErrorCode.BadArchive]: ErrorKind.Invalid,
};

export class SubmissionsError extends ArenaError {
  constructor(code: SubmissionsErrorCode, message: string) {
    super(kinds[code], code, message);
  }
}
