import { PlatformRole } from '@arena/common';
import { SetMetadata } from '@nestjs/common';

export const ROLES = 'arena:roles';

/** Platform roles allowed on a route (event staff rights are checked by services). */
export const Roles = (...roles: PlatformRole[]) => SetMetadata(ROLES, roles);
