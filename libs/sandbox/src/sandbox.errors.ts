import { ArenaError, ErrorKind } from '@arena/common';

export enum SandboxErrorCode {
  Unavailable = 'sandbox-unavailable',
}

/** The sandbox cannot run anything here (bubblewrap missing and unsafe mode not chosen). */
export class SandboxError extends ArenaError {
  constructor(code: SandboxErrorCode, message: string) {
    super(ErrorKind.Forbidden, code, message);
  }
}
