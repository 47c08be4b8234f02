import { SetMetadata } from '@nestjs/common';

export const PAGINATED = 'arena:paginated';

/** The handler returns a Page: the api answers its items as the list and its total as `X-Total-Count`. */
export const Paginated = () => SetMetadata(PAGINATED, true);
