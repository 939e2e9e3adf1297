import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from '../auth/actor.types.js';

export interface AuthenticatedRequest {
  workspaceId?: string;
  apiKeyId?: string;
  /** Who is calling (a signed-in person or an API key), set by AccessGuard. */
  actor?: Actor;
}

/** The caller's workspace, set by AccessGuard. Every query is scoped with it. */
export const WorkspaceId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.workspaceId) throw new Error('WorkspaceId used on a route without AccessGuard');
  return request.workspaceId;
});

export const IS_PUBLIC = 'switchyard:public';
/** Marks a route that needs no API key or session (health, docs, sign-in). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller, set by AccessGuard (routes that are not @Public() only). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('CurrentActor used on a route without AccessGuard');
  return request.actor;
});
