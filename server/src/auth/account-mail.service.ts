import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { LinkPurpose } from '@switchyard/contracts';
import { randomUUID } from 'node:crypto';
import { SmtpClientPool } from '../channels/smtp-client.pool.js';
import { AppConfig } from '../config/app-config.service.js';
import { WorkspaceCredentialsService } from '../secrets/workspace-credentials.service.js';

export interface AccountLink {
  /** The person's workspace: its own SMTP server, when it has one, sends the link. */
  workspaceId: string;
  to: string;
  purpose: LinkPurpose;
  link: string;
  workspaceName: string;
  expiresAt: Date;
}

const SUBJECTS: Record<LinkPurpose, (workspace: string) => string> = {
  setup: (w) => `Set up your Switchyard account (${w})`,
  reset: (w) => `Reset your Switchyard password (${w})`,
  invite: (w) => `You are invited to ${w} on Switchyard`,
};

const INTROS: Record<LinkPurpose, string> = {
  setup: 'Choose a password for the owner account of this Switchyard workspace:',
  reset: 'Someone asked to reset the password of this account. If it was you, choose a new one:',
  invite: 'You were invited to a Switchyard workspace. Choose a password to join:',
};

/**
 * Setup, reset and invite links: always written to the log (so a server without e-mail
 * still works), and sent through the workspace's own SMTP server, else SMTP_URL when it
 * is set.
 */
@Injectable()
export class AccountMailService implements OnApplicationShutdown {
  private readonly logger = new Logger('AccountLinks');
  private readonly servers = new SmtpClientPool();

  constructor(
    private readonly config: AppConfig,
    private readonly credentials: WorkspaceCredentialsService,
  ) {}

  /**
   * Logs the link now and sends it in the background (a slow mail server does not hold
   * up the request); a failed send is logged.
   */
  deliver(message: AccountLink): void {
    this.logger.log(
      { to: message.to, purpose: message.purpose, expiresAt: message.expiresAt.toISOString() },
      `${message.purpose} link for ${message.to}: ${message.link}`,
    );
    void this.send(message);
  }

  /** The workspace's SMTP server and sender, else SMTP_URL and EMAIL_FROM, else none. */
  private async sender(workspaceId: string): Promise<{ url: string; from: string } | null> {
    const own = await this.credentials.emailSender(workspaceId);
    if (own) return own;
    const url = this.config.values.SMTP_URL;
    return url ? { url, from: this.config.values.EMAIL_FROM } : null;
  }

  private async send(message: AccountLink): Promise<void> {
    const text = [
      INTROS[message.purpose],
      '',
      message.link,
      '',
      `The link works once, until ${message.expiresAt.toUTCString()}.`,
      message.purpose === 'reset' ? 'If you did not ask for it, ignore this e-mail.' : '',
    ].join('\n');
    try {
      const sender = await this.sender(message.workspaceId);
      if (!sender) return;
      const held = await this.servers.get(sender.url).hold({
        from: sender.from,
        to: message.to,
        subject: SUBJECTS[message.purpose](message.workspaceName),
        text,
        messageId: `<${randomUUID()}@switchyard.account>`,
      });
      const answer = await held.complete();
      if (answer.kind !== 'accepted')
        this.logger.warn({ to: message.to, answer: answer.kind }, 'account e-mail not accepted');
    } catch (error) {
      this.logger.warn({ err: error, to: message.to }, 'could not send the account e-mail');
    }
  }

  onApplicationShutdown(): void {
    this.servers.closeAll();
  }
}
