import { randomUUID } from 'node:crypto';
import {
  BadGatewayException,
  BadRequestException,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { StepPreviewMessage, StepTestSend, StepTestSendBody } from '@switchyard/contracts';
import { EmailTransportService } from '../channels/email-transport.service.js';
import { messageIdFor } from '../channels/message-id.util.js';
import { AppConfig } from '../config/app-config.service.js';
import { WorkspaceCredentialsService } from '../secrets/workspace-credentials.service.js';
import { StepPreviewService } from './step-preview.service.js';

type PreviewEmail = Extract<StepPreviewMessage, { channel: 'email' }>;

/**
 * "Send a test": the e-mail a step would send a customer (StepPreviewService: the step as
 * edited, on the customer's data), sent now to an address the marketer gives, with
 * "[Test] " before the subject, through the workspace's e-mail server and sender (else
 * SMTP_URL and EMAIL_FROM), as the outbox would. It is not a journey message: no outbox
 * row, no frequency cap, no retry; the server's refusal is the answer.
 */
@Injectable()
export class StepTestSendService {
  constructor(
    private readonly previews: StepPreviewService,
    private readonly email: EmailTransportService,
    private readonly credentials: WorkspaceCredentialsService,
    private readonly config: AppConfig,
  ) {}

  async send(
    workspaceId: string,
    journeyId: string,
    body: StepTestSendBody,
  ): Promise<StepTestSend> {
    const { to, ...asked } = body;
    const preview = await this.previews.preview(workspaceId, journeyId, asked);
    const step = body.node.label ?? body.node.id;
    if (preview.outcome.kind === 'error')
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: `step "${step}" would fail for ${preview.customer.externalId}: ${preview.outcome.message}`,
      });
    const emails = preview.messages.filter((m): m is PreviewEmail => m.channel === 'email');
    if (emails.length === 0)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `step "${step}" sends no e-mail to ${preview.customer.externalId}: nothing to test`,
        issues: [{ field: 'node', message: 'sends no e-mail', nodeId: body.node.id }],
      });
    const server = await this.credentials.emailSender(workspaceId);
    const from = server?.from ?? this.config.values.EMAIL_FROM;
    let delivery: StepTestSend['delivery'] = 'sent';
    for (const email of emails) {
      try {
        delivery = await this.email.sendNow(
          {
            from,
            to,
            subject: `[Test] ${email.subject}`,
            ...(email.html !== null ? { html: email.html } : {}),
            ...(email.text !== null ? { text: email.text } : {}),
            messageId: messageIdFor(`test.${randomUUID()}`, from),
          },
          server?.url,
        );
      } catch (error) {
        throw new BadGatewayException({
          statusCode: 502,
          error: 'Bad Gateway',
          message: `the e-mail server did not take the test: ${(error as Error).message}`,
        });
      }
    }
    return {
      to,
      subjects: emails.map((e) => `[Test] ${e.subject}`),
      customer: { id: preview.customer.id, externalId: preview.customer.externalId },
      delivery,
    };
  }
}
