import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generateApiKey, hashApiKey } from '../auth/api-key.util.js';
import { AppConfig, ConfigError } from '../config/app-config.service.js';

/**
 * `npm run api-key [name]`: creates a new API key for the first workspace and prints it
 * (keys are stored hashed, so a lost key cannot be shown again, only replaced).
 */
export async function createApiKey(
  env: Record<string, string | undefined>,
  name: string,
): Promise<string> {
  const config = AppConfig.fromEnv(env);
  const client = new pg.Client({ connectionString: config.values.DATABASE_URL });
  await client.connect();
  try {
    const workspaces = await client.query<{ id: string; name: string }>(
      'SELECT id, name FROM workspaces ORDER BY created_at LIMIT 1',
    );
    const workspace = workspaces.rows[0];
    if (!workspace)
      throw new Error('no workspace yet: start Switchyard once (npm start) to create it');
    const key = generateApiKey();
    await client.query(
      'INSERT INTO api_keys (workspace_id, name, key_hash, key_prefix) VALUES ($1, $2, $3, $4)',
      [workspace.id, name, hashApiKey(key), key.slice(0, 7)],
    );
    return `${key}  (workspace "${workspace.name}")`;
  } finally {
    await client.end();
  }
}

const isEntryPoint = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  createApiKey(process.env, process.argv[2] ?? 'cli')
    .then((line) => console.log(line))
    .catch((error: unknown) => {
      console.error(
        error instanceof ConfigError
          ? error.message
          : `could not create a key: ${(error as Error).message}`,
      );
      process.exit(1);
    });
}
