import { Controller, Get, Query } from '@nestjs/common';
import { type AuditLogPage, type AuditLogQuery, auditLogQuerySchema } from '@switchyard/contracts';
import { RequireRole } from '../auth/require-role.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { zodQuery } from '../common/zod-validation.pipe.js';
import { AuditLogService } from './audit-log.service.js';

@RequireRole('owner')
@Controller('api/audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  list(
    @WorkspaceId() workspaceId: string,
    @Query(zodQuery(auditLogQuerySchema)) query: AuditLogQuery,
  ): Promise<AuditLogPage> {
    return this.audit.list(workspaceId, query);
  }
}
