/**
 * The bare floor of `/v1/batch`, run in a worker thread of the benchmark process: Fastify
 * (JSON body parser, no auth, no validation) and one `pg` statement per request that
 * writes the same rows into the same tables as Switchyard (customers upserted with
 * identify traits merged and first/last seen widened, then one events row per message,
 * message ids de-duplicated by the same unique index), committed before answering.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Fastify from 'fastify';
import pg from 'pg';

export interface BaselineServerOptions {
  databaseUrl: string;
  workspaceId: string;
  poolSize: number;
}

interface Message {
  type: string;
  userId?: string | number;
  anonymousId?: string;
  messageId?: string;
  event?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  timestamp?: string;
}

/** One statement: customers upserted in a CTE, events inserted from it. */
export const BASELINE_INSERT_SQL = `
  WITH m AS (
    SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::timestamptz[])
      AS m(type, external_id, message_id, name, payload, ts)
  ),
  traits AS (
    SELECT m.external_id, jsonb_object_agg(t.key, t.value) AS traits
    FROM m CROSS JOIN LATERAL jsonb_each(m.payload) AS t
    WHERE m.type = 'identify' GROUP BY m.external_id
  ),
  c AS (
    INSERT INTO customers AS c (workspace_id, external_id, traits, first_seen_at, last_seen_at)
    SELECT $1::uuid, s.external_id, coalesce(t.traits, '{}'::jsonb), s.first_seen, s.last_seen
    FROM (SELECT external_id, min(ts) AS first_seen, max(ts) AS last_seen FROM m GROUP BY external_id) s
    LEFT JOIN traits t USING (external_id)
    ORDER BY s.external_id
    ON CONFLICT (workspace_id, external_id) DO UPDATE SET
      traits = c.traits || EXCLUDED.traits,
      first_seen_at = least(c.first_seen_at, EXCLUDED.first_seen_at),
      last_seen_at = greatest(c.last_seen_at, EXCLUDED.last_seen_at),
      updated_at = now()
    RETURNING c.id, c.external_id
  )
  INSERT INTO events (workspace_id, customer_id, type, name, properties, ts, message_id)
  SELECT $1::uuid, c.id, m.type, m.name, m.payload, m.ts, m.message_id
  FROM m JOIN c USING (external_id)
  ON CONFLICT (workspace_id, message_id) WHERE message_id IS NOT NULL DO NOTHING`;

export async function startBaselineServer(options: BaselineServerOptions): Promise<string> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  pool.on('error', () => undefined);
  const app = Fastify({ bodyLimit: 10 * 1024 * 1024 });
  app.post('/v1/batch', async (request) => {
    const batch = (request.body as { batch: Message[] }).batch;
    const receivedAt = new Date().toISOString();
    const types: string[] = [];
    const ids: string[] = [];
    const messageIds: (string | null)[] = [];
    const names: string[] = [];
    const payloads: string[] = [];
    const times: string[] = [];
    for (const m of batch) {
      types.push(m.type);
      ids.push(String(m.userId ?? m.anonymousId));
      messageIds.push(m.messageId ?? null);
      names.push(m.type === 'identify' ? '$identify' : (m.event ?? ''));
      payloads.push(JSON.stringify((m.type === 'identify' ? m.traits : m.properties) ?? {}));
      times.push(m.timestamp ?? receivedAt);
    }
    await pool.query(BASELINE_INSERT_SQL, [
      options.workspaceId,
      types,
      ids,
      messageIds,
      names,
      payloads,
      times,
    ]);
    return { success: true };
  });
  return app.listen({ port: 0, host: '127.0.0.1' });
}

if (parentPort && workerData) {
  const port = parentPort;
  startBaselineServer(workerData as BaselineServerOptions).then(
    (url) => port.postMessage({ url }),
    (error: unknown) => port.postMessage({ error: (error as Error).message }),
  );
}
