import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { type EmailSuppressionView, emailSuppressionsQuerySchema } from '@switchyard/contracts';
import type { z } from 'zod';
import { Audited } from '../audit/audited.decorator.js';
import { EmailSuppressionsRepository } from '../channels/email-suppressions.repository.js';
import { notFound } from '../common/http-errors.js';
import { WorkspaceId } from '../common/request-context.js';
import { zodQuery } from '../common/zod-validation.pipe.js';

/**
 * Addresses the workspace stopped e-mailing after a hard bounce: listed newest first, and
 * removed when the customer fixed their mailbox (their e-mail goes out again).
 */
@Controller('api/email-suppressions')
export class EmailSuppressionsController {
  constructor(private readonly suppressions: EmailSuppressionsRepository) {}

  @Get()
  list(
    @WorkspaceId() workspaceId: string,
    @Query(zodQuery(emailSuppressionsQuerySchema))
    query: z.output<typeof emailSuppressionsQuerySchema>,
  ): Promise<EmailSuppressionView[]> {
    return this.suppressions.list(workspaceId, query.limit);
  }

  @Delete(':address')
  @HttpCode(204)
  @Audited({
    action: 'email_suppression.removed',
    targetType: 'email_address',
    targetId: ({ params }) => params['address'] ?? null,
  })
  async remove(
    @WorkspaceId() workspaceId: string,
    @Param('address') address: string,
  ): Promise<void> {
    if (!(await this.suppressions.remove(workspaceId, address)))
      throw notFound(`"${address}" is not a suppressed address in this workspace`);
  }
}
