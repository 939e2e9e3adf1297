import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config.service.js';
import { SmtpClient, type HeldEmail, type OutgoingEmail } from './smtp.client.js';

export type { HeldEmail, OutgoingEmail, SmtpAnswer } from './smtp.client.js';

/**
 * Email to SMTP_URL, sent in two halves around the commit that marks the outbox row
 * sent (see OutboxDeliveryService). Without SMTP_URL (the development default) messages
 * go to nodemailer's JSON transport and are written to the log instead of being sent.
 */
@Injectable()
export class EmailTransportService implements OnApplicationShutdown {
  private readonly logger = new Logger(EmailTransportService.name);
  private readonly smtp: SmtpClient | undefined;
  private readonly json: Transporter | undefined;

  constructor(config: AppConfig) {
    const url = config.values.SMTP_URL;
    this.smtp = url ? new SmtpClient(url) : undefined;
    this.json = url ? undefined : nodemailer.createTransport({ jsonTransport: true });
  }

  /** True without SMTP_URL: `log` instead of `hold`. */
  get logOnly(): boolean {
    return this.smtp === undefined;
  }

  /**
   * Opens (or reuses) an SMTP connection and sends the message without its terminator.
   * Throws what the server said when it refuses the sender or the recipient.
   */
  async hold(email: OutgoingEmail): Promise<HeldEmail> {
    if (!this.smtp) throw new Error('SMTP_URL is not set: use log()');
    return this.smtp.hold(email);
  }

  /** Writes the message to the log (no SMTP_URL); returns its Message-ID. */
  async log(email: OutgoingEmail): Promise<string> {
    if (!this.json) throw new Error('SMTP_URL is set: use hold()');
    const info = (await this.json.sendMail({
      from: email.from,
      to: email.to,
      subject: email.subject,
      ...(email.html !== undefined ? { html: email.html } : {}),
      ...(email.text !== undefined ? { text: email.text } : {}),
      messageId: email.messageId,
    })) as { message?: unknown };
    this.logger.log(
      { email: typeof info.message === 'string' ? JSON.parse(info.message) : info.message },
      'SMTP_URL is not set: email logged, not sent',
    );
    return email.messageId;
  }

  onApplicationShutdown(): void {
    this.smtp?.close();
    this.json?.close();
  }
}
