import { SetMetadata } from '@nestjs/common';
import type { MemberRole } from '@switchyard/contracts';

export const REQUIRED_ROLE = 'switchyard:required-role';

/**
 * The least role a route (or every route of a controller) needs. Without it AccessGuard
 * asks a viewer for reads and a marketer for writes.
 */
export const RequireRole = (role: MemberRole) => SetMetadata(REQUIRED_ROLE, role);
