import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  FrequencyCap,
  SmsProviderView,
  WorkspaceSettingsBody,
  WorkspaceSettingsView,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { execute, selectOne } from '../database/sql.util.js';
import { JourneyLifecycleService } from '../journeys/journey-lifecycle.service.js';
import { SecretUnreadableError } from '../secrets/secret-box.js';
import {
  type EmailProviderCredentials,
  type SmsProviderCredentials,
  WorkspaceCredentialsService,
} from '../secrets/workspace-credentials.service.js';

/** Why a journey sending texts was paused when the SMS provider was removed. */
export const SMS_PROVIDER_REMOVED =
  "the workspace's SMS provider was removed (set one in Settings → Sending & security, then resume)";

interface SettingsRow {
  timezone: string;
  frequency_caps: FrequencyCap[];
  /** Sealed. */
  sms_provider: unknown;
  /** Sealed. */
  email_provider: unknown;
  signing_secret_set: boolean;
  allowed_hosts: string[];
}

/**
 * The workspace's time zone, frequency caps, SMS provider, SMTP server, signing secret and
 * allowed hosts. The signing secret and the providers are sealed before they are written
 * and never returned: the view says whether they are set, with the providers' logins masked.
 */
@Injectable()
export class WorkspaceSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly credentials: WorkspaceCredentialsService,
    private readonly lifecycle: JourneyLifecycleService,
  ) {}

  async get(workspaceId: string): Promise<WorkspaceSettingsView> {
    const row = await selectOne<SettingsRow>(
      this.db,
      `SELECT timezone, frequency_caps, sms_provider, email_provider,
              signing_secret IS NOT NULL AS signing_secret_set, allowed_hosts
         FROM workspaces WHERE id = $1`,
      [workspaceId],
    );
    if (!row) throw new Error(`workspace ${workspaceId} is missing`);
    const provider = this.openProvider('smsProvider', () =>
      this.credentials.smsProvider(workspaceId, row.sms_provider),
    );
    const email = this.openProvider('emailProvider', () =>
      this.credentials.emailProvider(workspaceId, row.email_provider),
    );
    return {
      timezone: row.timezone,
      frequencyCaps: row.frequency_caps,
      smsProvider: provider ? providerView(provider) : null,
      emailProvider: email ? { url: maskedLogin(email.url), from: email.from } : null,
      signingSecretSet: row.signing_secret_set,
      allowedHosts: row.allowed_hosts,
    };
  }

  async update(workspaceId: string, body: WorkspaceSettingsBody): Promise<WorkspaceSettingsView> {
    const provider = body.smsProvider
      ? this.credentials.sealSmsProvider(workspaceId, providerCredentials(body.smsProvider))
      : null;
    const email = body.emailProvider
      ? this.credentials.sealEmailProvider(workspaceId, emailCredentials(body.emailProvider))
      : null;
    const signing =
      body.signingSecret !== undefined
        ? this.credentials.sealSigningSecret(workspaceId, body.signingSecret)
        : null;
    const paused = await this.db.transaction(async (em) => {
      await execute(
        em,
        `UPDATE workspaces SET
         timezone = COALESCE($2, timezone),
         frequency_caps = COALESCE($3::jsonb, frequency_caps),
         sms_provider = CASE WHEN $4::boolean THEN to_jsonb($5::text) ELSE sms_provider END,
         signing_secret = COALESCE($6::text, signing_secret),
         allowed_hosts = COALESCE($7::text[], allowed_hosts),
         email_provider = CASE WHEN $8::boolean THEN to_jsonb($9::text) ELSE email_provider END
       WHERE id = $1`,
        [
          workspaceId,
          body.timezone ?? null,
          body.frequencyCaps ? JSON.stringify(body.frequencyCaps) : null,
          body.smsProvider !== undefined,
          provider,
          signing,
          body.allowedHosts ?? null,
          body.emailProvider !== undefined,
          email,
        ],
      );
      // Texts without a provider would fail: the journeys sending them wait, paused.
      return body.smsProvider === null
        ? this.lifecycle.pauseSendingOn(em, workspaceId, 'sms', SMS_PROVIDER_REMOVED)
        : [];
    });
    await this.lifecycle.syncSchedules(paused.map((journey) => journey.id));
    return this.get(workspaceId);
  }

  /** A provider sealed with another key is a 409 that says how to recover, not a 500. */
  private openProvider<T>(field: 'smsProvider' | 'emailProvider', open: () => T): T {
    try {
      return open();
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `${field}: it was stored with another SECRETS_KEY; restore that key, or set it again with PUT`,
        issues: [{ field, message: 'stored with another SECRETS_KEY' }],
      });
    }
  }
}

function providerCredentials(
  provider: NonNullable<WorkspaceSettingsBody['smsProvider']>,
): SmsProviderCredentials {
  return {
    url: provider.url,
    from: provider.from,
    ...(provider.token !== undefined ? { token: provider.token } : {}),
  };
}

function emailCredentials(
  provider: NonNullable<WorkspaceSettingsBody['emailProvider']>,
): EmailProviderCredentials {
  return { url: provider.url, from: provider.from };
}

/** What the API shows of the provider: user name and password in the URL become `***`. */
function providerView(provider: SmsProviderCredentials): SmsProviderView {
  return {
    url: maskedLogin(provider.url),
    from: provider.from,
    tokenSet: provider.token !== undefined,
  };
}

/** A URL with its user name and password replaced by `***`. */
function maskedLogin(url: string): string {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return url;
  parsed.username = '***';
  parsed.password = '';
  return parsed.toString();
}
