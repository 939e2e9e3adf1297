import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { linkFor } from '../auth/secret-token.util.js';
import { issueLinkToken } from '../auth/user-tokens.service.js';
import { AppConfig, ConfigError } from '../config/app-config.service.js';

/**
 * `npm run owner-link [e-mail]`: prints a fresh one-time link for an owner of the first
 * workspace: a setup link while the owner has no password, else a password reset link.
 * Without an e-mail: the first owner (created from OWNER_EMAIL when there is none).
 */
export async function ownerLink(
  env: Record<string, string | undefined>,
  email: string | undefined,
): Promise<string> {
  const config = AppConfig.fromEnv(env);
  const client = new pg.Client({ connectionString: config.values.DATABASE_URL });
  await client.connect();
  // The shape of TypeORM's EntityManager.query, enough for issueLinkToken.
  const db = {
    query: async <T>(sql: string, params?: unknown[]) =>
      (await client.query(sql, params)).rows as T,
  };
  try {
    const workspaces = await client.query<{ id: string; name: string }>(
      'SELECT id, name FROM workspaces ORDER BY created_at LIMIT 1',
    );
    const workspace = workspaces.rows[0];
    if (!workspace)
      throw new Error('no workspace yet: start Switchyard once (npm start) to create it');
    const owners = await client.query<{ id: string; email: string; has_password: boolean }>(
      `SELECT id, email, password_hash IS NOT NULL AS has_password FROM users
        WHERE workspace_id = $1 AND role = 'owner' AND ($2::text IS NULL OR lower(email) = lower($2))
        ORDER BY created_at LIMIT 1`,
      [workspace.id, email ?? null],
    );
    let owner = owners.rows[0];
    if (!owner && email) throw new Error(`${email} is not an owner of "${workspace.name}"`);
    if (!owner) {
      const created = await client.query<{ id: string; email: string }>(
        `INSERT INTO users (workspace_id, email, role) VALUES ($1, $2, 'owner') RETURNING id, email`,
        [workspace.id, config.values.OWNER_EMAIL],
      );
      const row = created.rows[0];
      if (!row) throw new Error('could not create the owner');
      owner = { ...row, has_password: false };
    }
    const purpose = owner.has_password ? 'reset' : 'setup';
    const issued = await issueLinkToken(db, workspace.id, owner.id, purpose);
    const link = linkFor(config.publicUrl, purpose, issued.token);
    const what = purpose === 'setup' ? 'set up' : 'reset the password of';
    return `${link}\n  opens once, until ${issued.expiresAt.toISOString()}, to ${what} ${owner.email} (workspace "${workspace.name}")`;
  } finally {
    await client.end();
  }
}

const isEntryPoint = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  ownerLink(process.env, process.argv[2])
    .then((line) => console.log(line))
    .catch((error: unknown) => {
      console.error(
        error instanceof ConfigError
          ? error.message
          : `could not make a link: ${(error as Error).message}`,
      );
      process.exit(1);
    });
}
