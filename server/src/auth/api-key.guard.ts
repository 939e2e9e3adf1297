import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { type AuthenticatedRequest, IS_PUBLIC } from '../common/request-context.js';
import { ApiKeyService } from './api-key.service.js';
import { apiKeyFromHeader } from './api-key.util.js';

/** Global guard: every route needs an API key unless marked @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const key = apiKeyFromHeader(request.headers.authorization);
    if (!key)
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        message:
          'send your API key as "Authorization: Bearer <key>" (or HTTP Basic with the key as user name)',
      });
    const resolved = await this.apiKeys.resolve(key);
    if (!resolved)
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'unknown or revoked API key',
      });
    request.workspaceId = resolved.workspaceId;
    request.apiKeyId = resolved.apiKeyId;
    return true;
  }
}
