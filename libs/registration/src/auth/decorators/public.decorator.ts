import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'arena:public';

/** Opts a route out of the global JWT guard; a token, when sent, is still read. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
