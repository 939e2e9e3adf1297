import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { MemberRole } from '@switchyard/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthenticatedRequest, IS_PUBLIC } from '../common/request-context.js';
import { AppConfig } from '../config/app-config.service.js';
import { decideAccess, defaultRoleFor } from './access-rules.js';
import type { Actor } from './actor.types.js';
import { ApiKeyService } from './api-key.service.js';
import { apiKeyFromHeader } from './api-key.util.js';
import { isCrossSiteWrite } from './cross-site.util.js';
import { REQUIRED_ROLE } from './require-role.decorator.js';
import { SESSION_COOKIE, sessionCookieOptions } from './session-cookie.js';
import { SessionService } from './session.service.js';

type Request = FastifyRequest & AuthenticatedRequest;

const unauthorized = (message: string) =>
  new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message });

/**
 * Global guard, the one place access is decided. Every route needs an API key (header)
 * or a session cookie unless marked @Public(); then the caller's role must reach the
 * route's @RequireRole (default: viewer for reads, marketer for writes), and an `ingest`
 * key reaches only /v1/*. A cookie-authenticated change from another site's page is
 * refused (cross-site.util.ts).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const actor = await this.authenticate(request, http.getResponse<FastifyReply>());
    request.workspaceId = actor.workspaceId;
    request.actor = actor;
    if (actor.kind === 'api_key') request.apiKeyId = actor.apiKeyId;
    const needed =
      this.reflector.getAllAndOverride<MemberRole | undefined>(REQUIRED_ROLE, targets) ??
      defaultRoleFor(request.method);
    const decision = decideAccess(actor, request.routeOptions.url ?? request.url, needed);
    if (!decision.allowed)
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: decision.message,
      });
    return true;
  }

  private async authenticate(request: Request, reply: FastifyReply): Promise<Actor> {
    const header = request.headers.authorization;
    if (header) {
      const key = apiKeyFromHeader(header);
      if (!key)
        throw unauthorized(
          'send your API key as "Authorization: Bearer <key>" (or HTTP Basic with the key as user name)',
        );
      const resolved = await this.apiKeys.resolve(key);
      if (!resolved) throw unauthorized('unknown or revoked API key');
      return { kind: 'api_key', ...resolved };
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token)
      throw unauthorized(
        'sign in, or send an API key as "Authorization: Bearer <key>" (or HTTP Basic with the key as user name)',
      );
    if (
      isCrossSiteWrite(
        request.method,
        request.headers.origin,
        request.headers.host,
        this.config.values.PUBLIC_URL,
      )
    )
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: `cross-site request refused: a signed-in change must come from this server's own pages (Origin ${request.headers.origin})`,
      });
    const session = await this.sessions.resolve(token);
    if (!session) {
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw unauthorized('your session has ended: sign in again');
    }
    if (session.renewed)
      void reply.setCookie(
        SESSION_COOKIE,
        token,
        sessionCookieOptions(this.config.publicUrl, this.sessions.maxAgeSeconds),
      );
    return {
      kind: 'user',
      workspaceId: session.workspaceId,
      userId: session.userId,
      email: session.email,
      role: session.role,
      sessionId: session.sessionId,
    };
  }
}
