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
import { SecretUnreadableError } from '../secrets/secret-box.js';
import {
  type SmsProviderCredentials,
  WorkspaceCredentialsService,
} from '../secrets/workspace-credentials.service.js';

interface SettingsRow {
  timezone: string;
  frequency_caps: FrequencyCap[];
  /** Sealed. */
  sms_provider: unknown;
  signing_secret_set: boolean;
  allowed_hosts: string[];
}

/**
 * The workspace's time zone, frequency caps, SMS provider, signing secret and allowed
 * hosts. The signing secret and the SMS provider are sealed before they are written and
 * never returned: the view says whether they are set, with the provider's URL masked.
 */
@Injectable()
export class WorkspaceSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly credentials: WorkspaceCredentialsService,
  ) {}

  async get(workspaceId: string): Promise<WorkspaceSettingsView> {
    const row = await selectOne<SettingsRow>(
      this.db,
      `SELECT timezone, frequency_caps, sms_provider, signing_secret IS NOT NULL AS signing_secret_set,
              allowed_hosts
         FROM workspaces WHERE id = $1`,
      [workspaceId],
    );
    if (!row) throw new Error(`workspace ${workspaceId} is missing`);
    const provider = this.openProvider(workspaceId, row.sms_provider);
    return {
      timezone: row.timezone,
      frequencyCaps: row.frequency_caps,
      smsProvider: provider ? providerView(provider) : null,
      signingSecretSet: row.signing_secret_set,
      allowedHosts: row.allowed_hosts,
    };
  }

  async update(workspaceId: string, body: WorkspaceSettingsBody): Promise<WorkspaceSettingsView> {
    const provider = body.smsProvider
      ? this.credentials.sealSmsProvider(workspaceId, providerCredentials(body.smsProvider))
      : null;
    const signing =
      body.signingSecret !== undefined
        ? this.credentials.sealSigningSecret(workspaceId, body.signingSecret)
        : null;
    await execute(
      this.db,
      `UPDATE workspaces SET
         timezone = COALESCE($2, timezone),
         frequency_caps = COALESCE($3::jsonb, frequency_caps),
         sms_provider = CASE WHEN $4::boolean THEN to_jsonb($5::text) ELSE sms_provider END,
         signing_secret = COALESCE($6::text, signing_secret),
         allowed_hosts = COALESCE($7::text[], allowed_hosts)
       WHERE id = $1`,
      [
        workspaceId,
        body.timezone ?? null,
        body.frequencyCaps ? JSON.stringify(body.frequencyCaps) : null,
        body.smsProvider !== undefined,
        provider,
        signing,
        body.allowedHosts ?? null,
      ],
    );
    return this.get(workspaceId);
  }

  /** A provider sealed with another key is a 409 that says how to recover, not a 500. */
  private openProvider(workspaceId: string, stored: unknown): SmsProviderCredentials | null {
    try {
      return this.credentials.smsProvider(workspaceId, stored);
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message:
          'smsProvider: it was stored with another SECRETS_KEY; restore that key, or set the provider again with PUT',
        issues: [{ field: 'smsProvider', message: 'stored with another SECRETS_KEY' }],
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

/** What the API shows of the provider: user name and password in the URL become `***`. */
function providerView(provider: SmsProviderCredentials): SmsProviderView {
  let url = provider.url;
  const parsed = new URL(url);
  if (parsed.username || parsed.password) {
    parsed.username = '***';
    parsed.password = '';
    url = parsed.toString();
  }
  return { url, from: provider.from, tokenSet: provider.token !== undefined };
}
