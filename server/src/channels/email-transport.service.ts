import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config.service.js';
import { SmtpClientPool } from './smtp-client.pool.js';
import { type HeldEmail, type OutgoingEmail, unsubscribeHeaders } from './smtp.client.js';

export type { HeldEmail, OutgoingEmail, SmtpAnswer } from './smtp.client.js';

/**
 * Email to SMTP_URL, or to a workspace's own SMTP server, sent in two halves around the
 * commit that marks the outbox row sent (see OutboxDeliveryService). Without either (the
 * development default) messages go to nodemailer's JSON transport and are written to the
 * log instead of being sent.
 */
@Injectable()
export class EmailTransportService implements OnApplicationShutdown {
  private readonly logger = new Logger(EmailTransportService.name);
  private readonly servers = new SmtpClientPool();
  private readonly defaultUrl: string | undefined;
  private json: Transporter | undefined;

  constructor(config: AppConfig) {
    this.defaultUrl = config.values.SMTP_URL;
    this.json = this.defaultUrl ? undefined : nodemailer.createTransport({ jsonTransport: true });
  }

  /** True when `via` (a workspace's server) is not given and SMTP_URL is not set: `log`. */
  logOnly(via?: string): boolean {
    return via === undefined && this.defaultUrl === undefined;
  }

  /**
   * Opens (or reuses) a connection to `via` (a workspace's SMTP server) or SMTP_URL and
   * sends the message without its terminator. Throws what the server said when it refuses
   * the sender or the recipient.
   */
  async hold(email: OutgoingEmail, via?: string): Promise<HeldEmail> {
    const url = via ?? this.defaultUrl;
    if (url === undefined) throw new Error('SMTP_URL is not set: use log()');
    return this.servers.get(url).hold(email);
  }

  /** Writes the message to the log (no SMTP_URL); returns its Message-ID. */
  async log(email: OutgoingEmail): Promise<string> {
    this.json ??= nodemailer.createTransport({ jsonTransport: true });
    const info = (await this.json.sendMail({
      from: email.from,
      to: email.to,
      subject: email.subject,
      ...(email.html !== undefined ? { html: email.html } : {}),
      ...(email.text !== undefined ? { text: email.text } : {}),
      messageId: email.messageId,
      headers: unsubscribeHeaders(email.unsubscribeUrl),
    })) as { message?: unknown };
    this.logger.log(
      { email: typeof info.message === 'string' ? JSON.parse(info.message) : info.message },
      'SMTP_URL is not set: email logged, not sent',
    );
    return email.messageId;
  }

  /**
   * Sends a message outside the outbox (a test send): held and ended at once. Throws what
   * the server said when it refuses the message or the connection fails before the end.
   */
  async sendNow(email: OutgoingEmail, via?: string): Promise<'sent' | 'logged'> {
    if (this.logOnly(via)) {
      await this.log(email);
      return 'logged';
    }
    const answer = await (await this.hold(email, via)).complete();
    switch (answer.kind) {
      case 'accepted':
        return 'sent';
      case 'refused':
      case 'not-sent':
      case 'unknown':
        throw answer.error;
      default: {
        const unknown: never = answer;
        throw new Error(`unknown SMTP answer ${JSON.stringify(unknown)}`);
      }
    }
  }

  onApplicationShutdown(): void {
    this.servers.closeAll();
    this.json?.close();
  }
}
