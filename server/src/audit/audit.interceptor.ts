import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { concatMap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../common/request-context.js';
import { AuditLogService } from './audit-log.service.js';
import {
  AUDITED,
  type AuditContext,
  type AuditSpec,
  defaultTargetId,
} from './audited.decorator.js';

/**
 * Writes the audit entry of an @Audited handler once it has succeeded, before the answer
 * leaves (so the entry is there when the caller looks). Failures record nothing. An entry
 * that cannot be written is logged; the action itself has already happened.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLogService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDITED, context.getHandler());
    if (!spec || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    return next.handle().pipe(
      concatMap(async (result: unknown) => {
        await this.write(spec, request, result);
        return spec.withholdResult ? undefined : result;
      }),
    );
  }

  private async write(
    spec: AuditSpec,
    request: FastifyRequest & AuthenticatedRequest,
    result: unknown,
  ): Promise<void> {
    const workspaceId = request.workspaceId;
    if (!workspaceId) {
      this.logger.warn(`${spec.action}: no workspace on the request, nothing recorded`);
      return;
    }
    const ctx: AuditContext = {
      params: (request.params ?? {}) as Record<string, string | undefined>,
      body: request.body,
      result,
    };
    try {
      await this.audit.record({
        workspaceId,
        actor: request.actor ?? null,
        action: spec.action,
        targetType: spec.targetType,
        targetId: (spec.targetId ?? defaultTargetId)(ctx),
        details: spec.details?.(ctx) ?? {},
      });
    } catch (error) {
      this.logger.error({ err: error }, `could not record ${spec.action} in the audit log`);
    }
  }
}
