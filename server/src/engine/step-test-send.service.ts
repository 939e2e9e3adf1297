import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  BadGatewayException,
  BadRequestException,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import type {
  FieldIssue,
  StepPreviewMessage,
  StepTestSend,
  StepTestSendBody,
  StepTestSent,
} from '@switchyard/contracts';
import { EmailTransportService } from '../channels/email-transport.service.js';
import type { SignedDelivery } from '../channels/http-delivery.client.js';
import { messageIdFor } from '../channels/message-id.util.js';
import { SmsDeliveryService } from '../channels/sms-delivery.service.js';
import { WebhookDeliveryService } from '../channels/webhook-delivery.service.js';
import { AppConfig } from '../config/app-config.service.js';
import { WorkspaceCredentialsService } from '../secrets/workspace-credentials.service.js';
import { StepPreviewService } from './step-preview.service.js';
import { ANSWER_CHARS, recipientIssue, SecretRedactor, shownUrl } from './step-test-send.util.js';

type Message<C extends StepPreviewMessage['channel']> = Extract<StepPreviewMessage, { channel: C }>;

type HttpSender = Awaited<ReturnType<WorkspaceCredentialsService['httpSender']>>;
type EmailSender = Awaited<ReturnType<WorkspaceCredentialsService['emailSender']>>;

/** What one test send needs besides the message: read once, whatever the messages. */
interface TestTarget {
  to: string | undefined;
  secrets: SecretRedactor;
  emailSender: () => Promise<EmailSender>;
  httpSender: () => Promise<HttpSender>;
}

/**
 * "Send a test": the messages a step would send a customer (StepPreviewService: the step as
 * edited, on the customer's data), sent now as a test. An e-mail goes to the address the
 * marketer gives, "[Test] " before its subject, through the workspace's e-mail server and
 * sender (else SMTP_URL and EMAIL_FROM); an SMS to the phone number given, through the
 * workspace's SMS provider; a webhook to its own URL, signed as delivery signs it and
 * marked `X-Switchyard-Test: 1`, its answer returned whatever the status. The request is
 * rendered with the workspace's secrets' values (they are redacted from what is returned).
 * Test sends are not journey messages: no outbox row, no frequency cap, no retry; a refusal
 * is the answer.
 */
@Injectable()
export class StepTestSendService {
  constructor(
    private readonly previews: StepPreviewService,
    private readonly email: EmailTransportService,
    private readonly sms: SmsDeliveryService,
    private readonly webhooks: WebhookDeliveryService,
    private readonly credentials: WorkspaceCredentialsService,
    private readonly config: AppConfig,
  ) {}

  async send(
    workspaceId: string,
    journeyId: string,
    body: StepTestSendBody,
  ): Promise<StepTestSend> {
    const { to, ...asked } = body;
    const secrets = new SecretRedactor();
    const preview = await this.previews.preview(workspaceId, journeyId, asked, {
      secret: async (name) =>
        secrets.remember(name, await this.credentials.secret(workspaceId, name)),
    });
    const step = body.node.label ?? body.node.id;
    const customer = preview.customer.externalId;
    if (preview.outcome.kind === 'error')
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: `step "${step}" would fail for ${customer}: ${preview.outcome.message}`,
      });
    if (preview.messages.length === 0)
      throw badRequest(`step "${step}" sends nothing to ${customer}: nothing to test`, {
        field: 'node',
        message: 'sends no message',
        nodeId: body.node.id,
      });
    const issue = recipientIssue(preview.messages, to, body.node.id);
    if (issue) throw badRequest(`to ${issue.message}`, issue);
    let email: Promise<EmailSender> | undefined;
    let http: Promise<HttpSender> | undefined;
    const target: TestTarget = {
      to,
      secrets,
      emailSender: () => (email ??= this.credentials.emailSender(workspaceId)),
      httpSender: () => (http ??= this.credentials.httpSender(workspaceId)),
    };
    const sent: StepTestSent[] = [];
    for (const message of preview.messages) sent.push(await this.sendOne(message, target));
    return { customer: { id: preview.customer.id, externalId: customer }, sent };
  }

  private sendOne(message: StepPreviewMessage, target: TestTarget): Promise<StepTestSent> {
    switch (message.channel) {
      case 'email':
        return this.sendEmail(message, target);
      case 'sms':
        return this.sendSms(message, target);
      case 'webhook':
        return this.callWebhook(message, target);
      default: {
        const unknown: never = message;
        throw new Error(`unknown message ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async sendEmail(email: Message<'email'>, { to, emailSender }: TestTarget) {
    const address = to ?? email.to;
    const server = await emailSender();
    const from = server?.from ?? this.config.values.EMAIL_FROM;
    const subject = `[Test] ${email.subject}`;
    try {
      const delivery = await this.email.sendNow(
        {
          from,
          to: address,
          subject,
          ...(email.html !== null ? { html: email.html } : {}),
          ...(email.text !== null ? { text: email.text } : {}),
          messageId: messageIdFor(`test.${randomUUID()}`, from),
        },
        server?.url,
      );
      return { channel: 'email' as const, to: address, subject, delivery };
    } catch (error) {
      throw badGateway(`the e-mail server did not take the test: ${(error as Error).message}`);
    }
  }

  private async sendSms(sms: Message<'sms'>, { to, httpSender }: TestTarget) {
    const number = to ?? sms.to;
    const sender = await httpSender();
    if (!sender.smsProvider)
      throw badRequest('the workspace has no SMS provider to send the test through', {
        field: 'smsProvider',
        message: 'is not set',
        fixIn: 'workspace-settings',
      });
    const result = await this.sms.deliver(
      { to: number, body: sms.body },
      sender.smsProvider,
      signed(sender),
    );
    if (result.kind !== 'sent')
      throw badGateway(`the SMS provider did not take the test: ${result.error}`);
    return {
      channel: 'sms' as const,
      to: number,
      body: sms.body,
      providerMessageId: result.providerMessageId,
    };
  }

  private async callWebhook(webhook: Message<'webhook'>, { secrets, httpSender }: TestTarget) {
    const sender = await httpSender();
    const started = performance.now();
    const { method, url, headers, body } = webhook;
    const tried = await this.webhooks.test(
      { method, url, headers, ...(body !== null ? { body } : {}) },
      signed(sender),
    );
    const shown = secrets.redact(shownUrl(url));
    if (!('answer' in tried))
      throw badGateway(`${method} ${shown} got no answer: ${secrets.redact(tried.error)}`);
    return {
      channel: 'webhook' as const,
      method,
      url: shown,
      status: tried.answer.status,
      answer: secrets.redact(tried.answer.body.slice(0, ANSWER_CHARS)),
      ms: Math.round(performance.now() - started),
    };
  }
}

/** A test's own idempotency key: a receiver must not take it for a journey message. */
function signed(sender: { signingSecret: string; allowedHosts: string[] }): SignedDelivery {
  return {
    signingSecret: sender.signingSecret,
    allowedHosts: sender.allowedHosts,
    idempotencyKey: `test.${randomUUID()}`,
  };
}

function badRequest(message: string, issue: FieldIssue): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message,
    issues: [issue],
  });
}

function badGateway(message: string): BadGatewayException {
  return new BadGatewayException({ statusCode: 502, error: 'Bad Gateway', message });
}
