import { randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSecretBox } from '../../secrets/migration-secret-box.js';
import { SecretBox, SecretUnreadableError, secretContext } from '../../secrets/secret-box.js';

interface WorkspaceSecretsRow {
  id: string;
  signing_secret: string | null;
  sms_provider: unknown;
  secrets: Record<string, unknown>;
}

/**
 * Secrets at rest: seals every plaintext `workspaces.signing_secret`, `sms_provider` (a
 * jsonb object becomes a jsonb string `v1:...`) and value of `secrets` with the
 * installation's key (AES-256-GCM, see SecretBox). Idempotent: only values that are not
 * already sealed with this key are touched, so running it again changes nothing. The
 * signing secret loses its plaintext default (one is generated, sealed, on first use).
 * Also adds `allowed_hosts`: host names (or host:port) a workspace's webhooks, SMS
 * provider and plugin requests may reach at private addresses.
 */
export class SecretsAtRest1742000000000 implements MigrationInterface {
  name = 'SecretsAtRest1742000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE workspaces ADD COLUMN IF NOT EXISTS allowed_hosts text[] NOT NULL DEFAULT '{}'`,
    );
    await q.query(
      `ALTER TABLE workspaces ALTER COLUMN signing_secret DROP DEFAULT, ALTER COLUMN signing_secret DROP NOT NULL`,
    );
    const rows = (await q.query(
      `SELECT id, signing_secret, sms_provider, secrets FROM workspaces ORDER BY id FOR UPDATE`,
    )) as WorkspaceSecretsRow[];
    // A database without workspaces (a new installation) needs no key here.
    if (rows.length === 0) return;
    const box = migrationSecretBox();
    for (const row of rows) {
      const sealed = sealRow(box, row);
      if (!sealed) continue;
      await q.query(
        `UPDATE workspaces SET signing_secret = $2, sms_provider = $3::jsonb, secrets = $4::jsonb WHERE id = $1`,
        [
          row.id,
          sealed.signing_secret,
          sealed.sms_provider === null ? null : JSON.stringify(sealed.sms_provider),
          sealed.secrets,
        ],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const rows = (await q.query(
      `SELECT id, signing_secret, sms_provider, secrets FROM workspaces ORDER BY id FOR UPDATE`,
    )) as WorkspaceSecretsRow[];
    const box = rows.length > 0 ? migrationSecretBox() : null;
    for (const row of rows) {
      if (!box) break;
      const ctx = (field: 'signingSecret' | 'smsProvider') => secretContext[field](row.id);
      const open = (value: string, context: string) =>
        SecretBox.isSealed(value) ? box.open(value, context) : value;
      const signing =
        row.signing_secret === null
          ? randomBytes(32).toString('hex')
          : open(row.signing_secret, ctx('signingSecret'));
      const sms =
        typeof row.sms_provider === 'string'
          ? (JSON.parse(open(row.sms_provider, ctx('smsProvider'))) as unknown)
          : row.sms_provider;
      const secrets = Object.fromEntries(
        Object.entries(row.secrets).map(([name, value]) => [
          name,
          typeof value === 'string' ? open(value, secretContext.named(row.id, name)) : value,
        ]),
      );
      await q.query(
        `UPDATE workspaces SET signing_secret = $2, sms_provider = $3::jsonb, secrets = $4::jsonb WHERE id = $1`,
        [row.id, signing, sms === null ? null : JSON.stringify(sms), JSON.stringify(secrets)],
      );
    }
    await q.query(`
      ALTER TABLE workspaces
        ALTER COLUMN signing_secret SET DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
        ALTER COLUMN signing_secret SET NOT NULL`);
    await q.query(`ALTER TABLE workspaces DROP COLUMN allowed_hosts`);
  }
}

/** The row with every plaintext value sealed, or null when everything already is. */
function sealRow(
  box: SecretBox,
  row: WorkspaceSecretsRow,
): { signing_secret: string | null; sms_provider: string | null; secrets: string } | null {
  let changed = false;
  const keep = (value: string, context: string): string => {
    if (opens(box, value, context)) return value;
    changed = true;
    return box.seal(value, context);
  };
  const signing =
    row.signing_secret === null
      ? null
      : keep(row.signing_secret, secretContext.signingSecret(row.id));
  let sms: string | null = null;
  if (typeof row.sms_provider === 'string')
    sms = keep(row.sms_provider, secretContext.smsProvider(row.id));
  else if (row.sms_provider !== null && row.sms_provider !== undefined) {
    sms = box.seal(JSON.stringify(row.sms_provider), secretContext.smsProvider(row.id));
    changed = true;
  }
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(row.secrets ?? {})) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (typeof value !== 'string') changed = true;
    secrets[name] = keep(text, secretContext.named(row.id, name));
  }
  return changed
    ? { signing_secret: signing, sms_provider: sms, secrets: JSON.stringify(secrets) }
    : null;
}

/**
 * Whether the value is already sealed. A sealed value that does not open stops the
 * migration: it was sealed with another key, and sealing it again would bury it.
 */
function opens(box: SecretBox, value: string, context: string): boolean {
  if (!SecretBox.isSealed(value)) return false;
  try {
    box.open(value, context);
    return true;
  } catch (error) {
    if (error instanceof SecretUnreadableError)
      throw new Error(
        `${context} is sealed with another key than this SECRETS_KEY (or DATA_DIR/secrets.key): start with the key it was sealed with`,
        { cause: error },
      );
    throw error;
  }
}
