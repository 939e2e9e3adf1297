import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provideMigrationSecretBox } from '../../secrets/migration-secret-box.js';
import { SecretBox, secretContext } from '../../secrets/secret-box.js';
import { SecretsAtRest1742000000000 } from './1742000000000-secrets-at-rest.js';
import { migrations } from './index.js';

const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';

interface Row {
  id: string;
  signing_secret: string | null;
  sms_provider: unknown;
  secrets: Record<string, string>;
  allowed_hosts: string[];
}

/** Migration 1742 on a database that holds plaintext secrets from before it. */
describe('migration 1742: secrets at rest (Postgres)', () => {
  const database = `sy_secrets_${randomBytes(4).toString('hex')}`;
  const box = new SecretBox(randomBytes(32));
  let db: pg.Client;
  let runner: QueryRunner;
  let legacy: string;
  let empty: string;

  const rows = async (): Promise<Row[]> =>
    (
      await db.query<Row>(
        `SELECT id, signing_secret, sms_provider, secrets, allowed_hosts FROM workspaces ORDER BY name`,
      )
    ).rows;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    await admin.end();
    db = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${database}` });
    await db.connect();
    runner = {
      query: async (sql: string, params?: unknown[]) => (await db.query(sql, params)).rows,
    } as unknown as QueryRunner;
    const before = migrations.filter((m) => m !== SecretsAtRest1742000000000);
    for (const Migration of before) await new Migration().up(runner);
    // Rows as the server wrote them before 1742: plaintext everywhere.
    legacy = (
      await db.query<{ id: string }>(
        `INSERT INTO workspaces (name, signing_secret, sms_provider, secrets)
         VALUES ('a legacy', 'plain-signing-key', '{"url":"https://u:p@sms.example.com/send","from":"Shop"}',
                 '{"apiToken":"tok-123","v1look":"v1:not-really-sealed"}')
         RETURNING id`,
      )
    ).rows[0]!.id;
    empty = (
      await db.query<{ id: string }>(
        `INSERT INTO workspaces (name) VALUES ('b empty') RETURNING id`,
      )
    ).rows[0]!.id;
  }, 60_000);

  afterAll(async () => {
    provideMigrationSecretBox(null);
    await db?.end();
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
    await admin.end();
  }, 60_000);

  it('needs the key when there is plaintext to seal', async () => {
    provideMigrationSecretBox(null);
    await db.query('BEGIN');
    await expect(new SecretsAtRest1742000000000().up(runner)).rejects.toThrow(/secrets key/);
    await db.query('ROLLBACK');
  });

  it('seals every plaintext secret, bound to its workspace and field', async () => {
    provideMigrationSecretBox(box);
    await new SecretsAtRest1742000000000().up(runner);
    const [a, b] = await rows();
    expect(a!.signing_secret).toMatch(/^v1:/);
    expect(box.open(a!.signing_secret!, secretContext.signingSecret(legacy))).toBe(
      'plain-signing-key',
    );
    expect(typeof a!.sms_provider).toBe('string');
    expect(
      JSON.parse(box.open(a!.sms_provider as string, secretContext.smsProvider(legacy))),
    ).toEqual({ url: 'https://u:p@sms.example.com/send', from: 'Shop' });
    expect(box.open(a!.secrets.apiToken!, secretContext.named(legacy, 'apiToken'))).toBe('tok-123');
    expect(box.open(a!.secrets.v1look!, secretContext.named(legacy, 'v1look'))).toBe(
      'v1:not-really-sealed',
    );
    const raw = JSON.stringify(a);
    for (const plain of ['plain-signing-key', 'sms.example.com', 'tok-123', 'not-really'])
      expect(raw).not.toContain(plain);
    // The plaintext default is gone: new workspaces get a sealed key on first use.
    expect(b).toMatchObject({ id: empty, sms_provider: null, secrets: {}, allowed_hosts: [] });
    expect(b!.signing_secret).toMatch(/^v1:/);
    const fresh = await db.query<{ signing_secret: string | null }>(
      `INSERT INTO workspaces (name) VALUES ('c new') RETURNING signing_secret`,
    );
    expect(fresh.rows[0]!.signing_secret).toBeNull();
  });

  it('changes nothing when run again, and refuses another key', async () => {
    const sealed = await rows();
    await new SecretsAtRest1742000000000().up(runner);
    expect(await rows()).toEqual(sealed);
    provideMigrationSecretBox(new SecretBox(randomBytes(32)));
    await db.query('BEGIN');
    await expect(new SecretsAtRest1742000000000().up(runner)).rejects.toThrow(
      /sealed with another key/,
    );
    await db.query('ROLLBACK');
    expect(await rows()).toEqual(sealed);
  });

  it('opens everything again on the way down', async () => {
    provideMigrationSecretBox(box);
    await new SecretsAtRest1742000000000().down(runner);
    const { rows: after } = await db.query<Row>(
      `SELECT signing_secret, sms_provider, secrets FROM workspaces ORDER BY name`,
    );
    const [a, , c] = after;
    expect(c!.signing_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toEqual({
      signing_secret: 'plain-signing-key',
      sms_provider: { url: 'https://u:p@sms.example.com/send', from: 'Shop' },
      secrets: { apiToken: 'tok-123', v1look: 'v1:not-really-sealed' },
    });
  });
});
