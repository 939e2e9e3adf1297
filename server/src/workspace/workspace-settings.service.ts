import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  FrequencyCap,
  SmsProvider,
  WorkspaceSettingsBody,
  WorkspaceSettingsView,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { execute, selectOne } from '../database/sql.util.js';

interface SettingsRow {
  timezone: string;
  frequency_caps: FrequencyCap[];
  sms_provider: SmsProvider | null;
  signing_secret: string;
}

/** The workspace's time zone, frequency caps, SMS provider and signing secret. */
@Injectable()
export class WorkspaceSettingsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(workspaceId: string): Promise<WorkspaceSettingsView> {
    const row = await selectOne<SettingsRow>(
      this.db,
      `SELECT timezone, frequency_caps, sms_provider, signing_secret FROM workspaces WHERE id = $1`,
      [workspaceId],
    );
    if (!row) throw new Error(`workspace ${workspaceId} is missing`);
    return {
      timezone: row.timezone,
      frequencyCaps: row.frequency_caps,
      smsProvider: row.sms_provider,
      signingSecret: row.signing_secret,
    };
  }

  async update(workspaceId: string, body: WorkspaceSettingsBody): Promise<WorkspaceSettingsView> {
    await execute(
      this.db,
      `UPDATE workspaces SET
         timezone = COALESCE($2, timezone),
         frequency_caps = COALESCE($3::jsonb, frequency_caps),
         sms_provider = CASE WHEN $4::boolean THEN $5::jsonb ELSE sms_provider END
       WHERE id = $1`,
      [
        workspaceId,
        body.timezone ?? null,
        body.frequencyCaps ? JSON.stringify(body.frequencyCaps) : null,
        body.smsProvider !== undefined,
        body.smsProvider ? JSON.stringify(body.smsProvider) : null,
      ],
    );
    return this.get(workspaceId);
  }
}
