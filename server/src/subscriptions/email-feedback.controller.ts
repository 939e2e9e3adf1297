import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  type EmailFeedbackBody,
  type EmailFeedbackResult,
  emailFeedbackBodySchema,
} from '@switchyard/contracts';
import { RequireRole } from '../auth/require-role.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { zodBody } from '../common/zod-validation.pipe.js';
import { EmailFeedbackService } from './email-feedback.service.js';

/**
 * Bounces and spam complaints as an e-mail provider reports them after the fact: point its
 * webhook (or a small relay of its format) at `https://<key>@<host>/v1/email/feedback`.
 */
@RequireRole('owner')
@Controller('v1/email')
export class EmailFeedbackController {
  constructor(private readonly feedback: EmailFeedbackService) {}

  @Post('feedback')
  @HttpCode(200)
  apply(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(emailFeedbackBodySchema)) body: EmailFeedbackBody,
  ): Promise<EmailFeedbackResult> {
    return this.feedback.apply(workspaceId, body);
  }
}
