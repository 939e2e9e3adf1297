// What a test run stopped at its deadline leaves behind: its tests' own databases and Redis
// keys (named `sy_...`), which each test drops itself when it ends. Listed before the run,
// whatever is new after it is removed. Loaded after install (pg and ioredis come from it).
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(import.meta.dirname, '..', 'e2e', 'package.json'));
/** The shared services the tests use (e2e/src/support/switchyard.harness.ts). */
const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = 'redis://127.0.0.1:6379';

async function withPostgres(work) {
  const pg = require('pg');
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function withRedis(work) {
  const Redis = require('ioredis');
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

/** Every key matching `pattern`, a SCAN page at a time. */
async function* scanKeys(redis, pattern) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    yield keys;
    cursor = next;
  } while (cursor !== '0');
}

/** The part of a key before its first `:` (a test's prefix), for keys named `<prefix>...`. */
async function keyPrefixes(redis, prefix) {
  const found = new Set();
  for await (const keys of scanKeys(redis, `${prefix}*`))
    for (const key of keys) found.add(key.split(':')[0]);
  return found;
}

/** The databases and Redis key prefixes named `prefix...` now. */
export async function listTestData(prefix = 'sy_') {
  const databases = await withPostgres(async (client) => {
    const { rows } = await client.query(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [prefix],
    );
    return new Set(rows.map((row) => row.datname));
  });
  const keys = await withRedis((redis) => keyPrefixes(redis, prefix));
  return { databases, keys };
}

/** Drops the databases and deletes the Redis keys named `prefix...` that `before` lacks. */
export async function removeTestDataSince(before, prefix = 'sy_') {
  const now = await listTestData(prefix);
  const databases = [...now.databases].filter((name) => !before.databases.has(name));
  const keys = [...now.keys].filter((name) => !before.keys.has(name));
  await withPostgres(async (client) => {
    for (const name of databases)
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
  await withRedis(async (redis) => {
    for (const name of keys) {
      for await (const found of scanKeys(redis, `${name}:*`))
        if (found.length > 0) await redis.del(...found);
      await redis.del(name);
    }
  });
  return { databases, keys };
}
