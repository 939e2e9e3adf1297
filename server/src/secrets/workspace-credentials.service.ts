import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { execute, selectOne } from '../database/sql.util.js';
import { SecretBox, SecretUnreadableError, secretContext } from './secret-box.js';

/** The SMS provider as stored (sealed as a whole: its URL may carry credentials too). */
export interface SmsProviderCredentials {
  url: string;
  from: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
}

/** The workspace's SMTP server as stored (sealed as a whole: the URL carries the login). */
export interface EmailProviderCredentials {
  url: string;
  from: string;
}

/** Opened values kept in memory, so a batch of deliveries does not decrypt per message. */
const CACHE_SIZE = 1000;

/**
 * Workspace secrets at rest: `workspaces.signing_secret` (text), `workspaces.sms_provider`
 * and `workspaces.email_provider` (jsonb strings) and every value of `workspaces.secrets` are sealed by the SecretBox
 * and opened only where they are used (signing a request, calling the SMS provider or the SMTP server,
 * `ctx.secret(name)`). Nothing here is ever part of an API response.
 */
@Injectable()
export class WorkspaceCredentialsService {
  private readonly opened = new Map<string, string>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly box: SecretBox,
  ) {}

  sealSigningSecret(workspaceId: string, secret: string): string {
    return this.box.seal(secret, secretContext.signingSecret(workspaceId));
  }

  sealSmsProvider(workspaceId: string, provider: SmsProviderCredentials): string {
    return this.box.seal(JSON.stringify(provider), secretContext.smsProvider(workspaceId));
  }

  sealEmailProvider(workspaceId: string, provider: EmailProviderCredentials): string {
    return this.box.seal(JSON.stringify(provider), secretContext.emailProvider(workspaceId));
  }

  sealSecret(workspaceId: string, name: string, value: string): string {
    return this.box.seal(value, secretContext.named(workspaceId, name));
  }

  /**
   * The key webhooks and SMS requests are signed with. A workspace whose owner never set
   * one gets a random key on first use (stored sealed), so every request is signed.
   */
  async signingSecret(workspaceId: string, stored: string | null): Promise<string> {
    let sealed = stored;
    if (sealed === null) {
      const generated = this.sealSigningSecret(workspaceId, randomBytes(32).toString('hex'));
      await execute(
        this.db,
        `UPDATE workspaces SET signing_secret = $2 WHERE id = $1 AND signing_secret IS NULL`,
        [workspaceId, generated],
      );
      const row = await selectOne<{ signing_secret: string | null }>(
        this.db,
        `SELECT signing_secret FROM workspaces WHERE id = $1`,
        [workspaceId],
      );
      sealed = row?.signing_secret ?? null;
      if (sealed === null) throw new Error(`workspace ${workspaceId} is missing`);
    }
    return this.open(sealed, secretContext.signingSecret(workspaceId));
  }

  /** The provider from the stored column value (null when none is set). */
  smsProvider(workspaceId: string, stored: unknown): SmsProviderCredentials | null {
    if (stored === null || stored === undefined) return null;
    if (typeof stored !== 'string')
      throw new SecretUnreadableError(
        `${secretContext.smsProvider(workspaceId)}: the stored value is not sealed`,
      );
    return JSON.parse(
      this.open(stored, secretContext.smsProvider(workspaceId)),
    ) as SmsProviderCredentials;
  }

  /** The workspace's SMTP server from the stored column value (null when none is set). */
  emailProvider(workspaceId: string, stored: unknown): EmailProviderCredentials | null {
    if (stored === null || stored === undefined) return null;
    if (typeof stored !== 'string')
      throw new SecretUnreadableError(
        `${secretContext.emailProvider(workspaceId)}: the stored value is not sealed`,
      );
    return JSON.parse(
      this.open(stored, secretContext.emailProvider(workspaceId)),
    ) as EmailProviderCredentials;
  }

  /** The workspace's own e-mail server and sender, read and opened; null when it has none. */
  async emailSender(workspaceId: string): Promise<EmailProviderCredentials | null> {
    const row = await selectOne<{ email_provider: unknown }>(
      this.db,
      'SELECT email_provider FROM workspaces WHERE id = $1',
      [workspaceId],
    );
    return this.emailProvider(workspaceId, row?.email_provider ?? null);
  }

  /**
   * What the workspace's HTTP requests are sent with, read and opened: the signing key,
   * the hosts it may reach at private addresses, its SMS provider (null when none).
   */
  async httpSender(workspaceId: string): Promise<{
    signingSecret: string;
    allowedHosts: string[];
    smsProvider: SmsProviderCredentials | null;
  }> {
    const row = await selectOne<{
      signing_secret: string | null;
      allowed_hosts: string[];
      sms_provider: unknown;
    }>(
      this.db,
      'SELECT signing_secret, allowed_hosts, sms_provider FROM workspaces WHERE id = $1',
      [workspaceId],
    );
    if (!row) throw new Error(`workspace ${workspaceId} is missing`);
    return {
      signingSecret: await this.signingSecret(workspaceId, row.signing_secret),
      allowedHosts: row.allowed_hosts,
      smsProvider: this.smsProvider(workspaceId, row.sms_provider),
    };
  }

  /** `ctx.secret(name)`: the named secret's value, or undefined when it is not set. */
  async secret(workspaceId: string, name: string): Promise<string | undefined> {
    const row = await selectOne<{ value: string | null }>(
      this.db,
      'SELECT secrets->>$2 AS value FROM workspaces WHERE id = $1',
      [workspaceId, name],
    );
    if (!row?.value) return undefined;
    return this.open(row.value, secretContext.named(workspaceId, name));
  }

  private open(sealed: string, context: string): string {
    const key = `${context}\n${sealed}`;
    const hit = this.opened.get(key);
    if (hit !== undefined) return hit;
    const value = this.box.open(sealed, context);
    if (this.opened.size >= CACHE_SIZE) {
      const oldest = this.opened.keys().next().value;
      if (oldest !== undefined) this.opened.delete(oldest);
    }
    this.opened.set(key, value);
    return value;
  }
}
