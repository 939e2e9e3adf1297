import { randomBytes, randomUUID } from 'node:crypto';
import type { JourneyGraph } from '@switchyard/contracts';
import pg from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionRegistry } from '../actions/action-registry.service.js';
import { migrations } from '../database/migrations/index.js';
import { CustomersService } from './customers.service.js';
import { OptOutsRepository } from '../subscriptions/opt-outs.repository.js';
import { TopicOptOutsRepository } from '../subscriptions/topic-opt-outs.repository.js';

/**
 * The profile's journey runs on a real Postgres database of its own: runs newest first
 * with their version, steps (labels from the run's version, loops, skips, failures) and
 * messages of every channel, in a fixed number of statements.
 */
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const T0 = Date.parse('2024-04-01T09:00:00Z');
const MINUTE = 60_000;

interface Queryable {
  query: (sql: string, params?: unknown[]) => Promise<unknown[]>;
}

function graphWith(labels: Record<string, string>): JourneyGraph {
  const node = (id: string, type: string) => ({
    id,
    type,
    position: { x: 0, y: 0 },
    config: {},
    ...(labels[id] ? { label: labels[id] } : {}),
  });
  return {
    nodes: [
      node('trigger', 'trigger'),
      node('mail', 'send_email'),
      node('text', 'send_sms'),
      node('hook', 'webhook'),
      node('pause', 'wait'),
      node('custom', 'acme.unknown'),
    ],
    edges: [],
  };
}

describe('customer profile: journey runs (Postgres)', () => {
  const database = `sy_profile_${randomBytes(4).toString('hex')}`;
  let db: pg.Pool;
  let service: CustomersService;
  let statements = 0;
  let ws: string;
  let customer: string;
  let other: string;
  const runs: Record<'old' | 'mid' | 'new', string> = { old: '', mid: '', new: '' };

  const q = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await db.query(sql, params)).rows as T[];
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> =>
    (await q<T>(sql, params))[0] as T;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    await admin.end();
    db = new pg.Pool({
      connectionString: `postgres://postgres@127.0.0.1:5432/${database}`,
      options: '-c timezone=UTC',
      max: 4,
    });
    // DROP ... WITH (FORCE) below can reach a client still closing: not a test failure.
    db.on('error', () => undefined);
    const runner = { query: (sql: string, params?: unknown[]) => q(sql, params) };
    for (const Migration of migrations) await new Migration().up(runner as unknown as QueryRunner);
    // As TypeORM's transaction(isolationLevel, work): one pooled connection, its statements counted.
    const source = {
      transaction: async <T>(isolation: string, work: (m: Queryable) => Promise<T>) => {
        const client = await db.connect();
        try {
          await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
          const result = await work({
            query: async (sql, params) => {
              statements += 1;
              return (await client.query(sql, params)).rows;
            },
          });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      },
    };
    // Node type titles as a registry gives them (a type it does not know has none).
    const titles = new Map([
      ['wait', 'Wait'],
      ['send_sms', 'Send SMS'],
    ]);
    const registry = {
      resolve: (type: string) => (titles.has(type) ? { title: titles.get(type) } : undefined),
    };
    service = new CustomersService(
      source as unknown as DataSource,
      new OptOutsRepository(
        source as unknown as DataSource,
        new TopicOptOutsRepository(source as unknown as DataSource),
      ),
      registry as unknown as ActionRegistry,
    );

    ws = (await one<{ id: string }>(`INSERT INTO workspaces (name) VALUES ('w') RETURNING id`)).id;
    const seen = new Date(T0 - 86_400_000);
    const addCustomer = async (ext: string) =>
      (
        await one<{ id: string }>(
          `INSERT INTO customers (workspace_id, external_id, traits, first_seen_at, last_seen_at)
           VALUES ($1, $2, '{}', $3, $3) RETURNING id::text AS id`,
          [ws, ext, seen],
        )
      ).id;
    customer = await addCustomer('ada');
    other = await addCustomer('bob');

    const journey = (
      await one<{ id: string }>(
        `INSERT INTO journeys (workspace_id, name, status, draft_graph) VALUES ($1, 'Onboarding', 'live', '{"nodes":[],"edges":[]}') RETURNING id`,
        [ws],
      )
    ).id;
    const version = async (n: number, labels: Record<string, string>) =>
      (
        await one<{ id: string }>(
          `INSERT INTO journey_versions (journey_id, workspace_id, version, graph, trigger, trigger_kind, entry_node_id)
           VALUES ($1, $2, $3, $4, '{}', 'event', 'mail') RETURNING id`,
          [journey, ws, n, JSON.stringify(graphWith(labels))],
        )
      ).id;
    const v1 = await version(1, { mail: 'Welcome mail (v1)' });
    const v2 = await version(2, { mail: 'Welcome mail', pause: '  ' });

    const enroll = async (
      who: string,
      versionId: string,
      minutes: number,
      status: string,
      current: string,
      exit: { reason: string; at: number } | null = null,
    ) =>
      (
        await one<{ id: string }>(
          `INSERT INTO enrollments (workspace_id, journey_id, version_id, customer_id, status, current_node_id,
                                    entry_key, created_at, exit_reason, finished_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [
            ws,
            journey,
            versionId,
            who,
            status,
            current,
            randomUUID(),
            new Date(T0 + minutes * MINUTE),
            exit?.reason ?? null,
            exit ? new Date(T0 + exit.at * MINUTE) : null,
          ],
        )
      ).id;
    runs.old = await enroll(customer, v1, 0, 'exited', 'pause', {
      reason: 'reached the goal',
      at: 30,
    });
    runs.mid = await enroll(customer, v2, 100, 'failed', 'hook', { reason: 'failed', at: 104 });
    runs.new = await enroll(customer, v2, 200, 'active', 'pause');
    const bobs = await enroll(other, v2, 300, 'active', 'mail');

    const step = (
      enrollment: string,
      seq: number,
      node: string,
      type: string,
      status: string,
      minutes: number,
      extra: { output?: string; note?: string; error?: string } = {},
    ) =>
      q(
        `INSERT INTO enrollment_steps (enrollment_id, seq, node_id, node_type, status, output, note, error, entered_at, finished_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $5 = 'waiting' THEN NULL ELSE $9::timestamptz + interval '1 second' END)`,
        [
          enrollment,
          seq,
          node,
          type,
          status,
          extra.output ?? null,
          extra.note ?? null,
          extra.error ?? null,
          new Date(T0 + minutes * MINUTE),
        ],
      );
    await step(runs.old, 1, 'mail', 'send_email', 'completed', 0, { output: 'next' });
    await step(runs.old, 2, 'pause', 'wait', 'completed', 1, { note: 'reached the goal' });
    await step(runs.mid, 1, 'mail', 'send_email', 'skipped', 100, {
      output: 'next',
      note: 'frequency cap: at most 1 email in 7 days',
    });
    await step(runs.mid, 2, 'text', 'send_sms', 'completed', 101, { output: 'next' });
    await step(runs.mid, 3, 'hook', 'webhook', 'failed', 102, {
      error: 'HTTP 500 from the endpoint',
    });
    // A loop: the wait is visited twice, the custom node between the visits.
    await step(runs.new, 1, 'pause', 'wait', 'completed', 200, { output: 'next' });
    await step(runs.new, 2, 'custom', 'acme.unknown', 'completed', 201, { output: 'yes' });
    await step(runs.new, 3, 'pause', 'wait', 'waiting', 202);
    await step(bobs, 1, 'mail', 'send_email', 'waiting', 300);

    const send = (
      enrollment: string,
      who: string,
      node: string,
      channel: string,
      payload: unknown,
      minutes: number,
      status = 'sent',
    ) =>
      q(
        `INSERT INTO outbox (workspace_id, enrollment_id, customer_id, node_id, idempotency_key, channel, payload, status, created_at, sent_at,
                             attempts, last_error, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $8 = 'sent' THEN $9::timestamptz + interval '2 seconds' END,
                 2, 'HTTP 503: busy', CASE WHEN $8 = 'pending' THEN $9::timestamptz + interval '1 minute' END)`,
        [
          ws,
          enrollment,
          who,
          node,
          randomUUID(),
          channel,
          JSON.stringify(payload),
          status,
          new Date(T0 + minutes * MINUTE),
        ],
      );
    await send(
      runs.old,
      customer,
      'mail',
      'email',
      { to: 'ada@example.com', from: 'x@y.z', subject: 'Welcome, Ada', html: '<p>…</p>' },
      0,
    );
    await send(
      runs.mid,
      customer,
      'text',
      'sms',
      { to: '+14155550100', body: `Your code is 1234. ${'z'.repeat(90)}` },
      101,
    );
    await send(
      runs.mid,
      customer,
      'hook',
      'webhook',
      { url: 'https://crm.example.com/hooks/signup?x=1', method: 'POST', body: '{}' },
      102,
      'failed',
    );
    await send(
      bobs,
      other,
      'mail',
      'email',
      { to: 'bob@example.com', subject: 'Welcome, Bob' },
      300,
      'pending',
    );
  });

  afterAll(async () => {
    await db?.end();
    // Let the pool's clients finish closing before the database is dropped under them.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
    await admin.end();
  });

  it('lists the runs newest first with their version, steps and messages', async () => {
    statements = 0;
    const profile = await service.profile(ws, [{ column: 'id', value: customer }]);
    // The customer, then segments, runs, steps, messages, events, history and
    // subscriptions (channels, topics), in one snapshot: no query per run.
    expect(statements).toBe(9);
    const journeys = profile?.journeys ?? [];
    expect(journeys.map((j) => j.enrollmentId)).toEqual([runs.new, runs.mid, runs.old]);

    const [latest, middle, oldest] = journeys;
    expect(latest).toMatchObject({
      journeyName: 'Onboarding',
      version: 2,
      status: 'active',
      exitReason: null,
      currentNodeId: 'pause',
      enrolledAt: new Date(T0 + 200 * MINUTE).toISOString(),
      finishedAt: null,
      messages: [],
    });
    expect(latest?.steps).toEqual([
      {
        nodeId: 'pause',
        nodeType: 'wait',
        label: 'Wait',
        status: 'completed',
        output: 'next',
        outputLabel: null,
        note: null,
        enteredAt: new Date(T0 + 200 * MINUTE).toISOString(),
        finishedAt: new Date(T0 + 200 * MINUTE + 1000).toISOString(),
      },
      expect.objectContaining({
        nodeId: 'custom',
        label: null,
        output: 'yes',
        outputLabel: 'Yes',
      }),
      expect.objectContaining({ nodeId: 'pause', status: 'waiting', finishedAt: null }),
    ]);

    expect(middle).toMatchObject({ version: 2, status: 'failed', exitReason: 'failed' });
    expect(middle?.steps.map((s) => [s.label, s.status, s.note])).toEqual([
      ['Welcome mail', 'skipped', 'frequency cap: at most 1 email in 7 days'],
      ['Send SMS', 'completed', null],
      [null, 'failed', 'HTTP 500 from the endpoint'],
    ]);
    expect(middle?.messages).toEqual([
      {
        nodeId: 'text',
        channel: 'sms',
        to: '+14155550100',
        summary: `${`Your code is 1234. ${'z'.repeat(90)}`.slice(0, 80)}…`,
        status: 'sent',
        createdAt: new Date(T0 + 101 * MINUTE).toISOString(),
        sentAt: new Date(T0 + 101 * MINUTE + 2000).toISOString(),
        attempts: 2,
        // Sent: an earlier attempt's error is not the message's problem any more.
        lastError: null,
        nextAttemptAt: null,
      },
      {
        nodeId: 'hook',
        channel: 'webhook',
        to: 'https://crm.example.com/hooks/signup?x=1',
        summary: 'POST crm.example.com',
        status: 'failed',
        createdAt: new Date(T0 + 102 * MINUTE).toISOString(),
        sentAt: null,
        attempts: 2,
        lastError: 'HTTP 503: busy',
        nextAttemptAt: null,
      },
    ]);

    expect(oldest).toMatchObject({
      version: 1,
      status: 'exited',
      exitReason: 'reached the goal',
      finishedAt: new Date(T0 + 30 * MINUTE).toISOString(),
    });
    expect(oldest?.steps.map((s) => s.label)).toEqual(['Welcome mail (v1)', 'Wait']);
    expect(oldest?.messages).toEqual([
      expect.objectContaining({ channel: 'email', to: 'ada@example.com', summary: 'Welcome, Ada' }),
    ]);
  });

  it("shows only the customer's own runs, and none from another workspace", async () => {
    const bob = await service.profile(ws, [{ column: 'external_id', value: 'bob' }]);
    expect(bob?.journeys).toHaveLength(1);
    expect(bob?.journeys[0]?.messages.map((m) => [m.to, m.status])).toEqual([
      ['bob@example.com', 'pending'],
    ]);
    // Waiting for its next attempt after an error: both are on the profile.
    const waiting = bob?.journeys[0]?.messages[0];
    expect(waiting?.lastError).toBe('HTTP 503: busy');
    expect(Date.parse(waiting?.nextAttemptAt ?? '') - Date.parse(waiting?.createdAt ?? '')).toBe(
      60_000,
    );
    const elsewhere = await one<{ id: string }>(
      `INSERT INTO workspaces (name) VALUES ('x') RETURNING id`,
    );
    expect(await service.profile(elsewhere.id, [{ column: 'id', value: customer }])).toBeNull();
  });
});
