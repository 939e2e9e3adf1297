import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config.service.js';
import { providerMessageId } from './message-id.util.js';

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html?: string;
  text?: string;
  messageId: string;
}

/**
 * nodemailer to SMTP_URL. Without SMTP_URL (the development default) messages go to
 * nodemailer's JSON transport and are written to the log instead of being sent.
 */
@Injectable()
export class EmailTransportService implements OnApplicationShutdown {
  private readonly logger = new Logger(EmailTransportService.name);
  private readonly transporter: Transporter;
  private readonly logOnly: boolean;

  constructor(config: AppConfig) {
    const url = config.values.SMTP_URL;
    this.logOnly = url === undefined;
    this.transporter = url
      ? nodemailer.createTransport(url)
      : nodemailer.createTransport({ jsonTransport: true });
  }

  /** Sends one message; returns the provider's message id (the SMTP server's answer). */
  async send(email: OutgoingEmail): Promise<string> {
    const info = (await this.transporter.sendMail({
      from: email.from,
      to: email.to,
      subject: email.subject,
      ...(email.html !== undefined ? { html: email.html } : {}),
      ...(email.text !== undefined ? { text: email.text } : {}),
      messageId: email.messageId,
    })) as { messageId?: string; response?: string; message?: unknown };
    if (this.logOnly)
      this.logger.log(
        { email: typeof info.message === 'string' ? JSON.parse(info.message) : info.message },
        'SMTP_URL is not set: email logged, not sent',
      );
    return providerMessageId(info.response, info.messageId ?? email.messageId);
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
