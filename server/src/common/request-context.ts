import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

export interface AuthenticatedRequest {
  workspaceId?: string;
  apiKeyId?: string;
}

/** The caller's workspace, set by ApiKeyGuard. Every query is scoped with it. */
export const WorkspaceId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.workspaceId) throw new Error('WorkspaceId used on a route without ApiKeyGuard');
  return request.workspaceId;
});

export const IS_PUBLIC = 'switchyard:public';
/** Marks a route that needs no API key (health, docs, the web app). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
