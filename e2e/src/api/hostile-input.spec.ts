import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpSink, startHttpSink } from '../support/http-sink.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import {
  repoRoot,
  type RunningSwitchyard,
  startSwitchyard,
  waitFor,
} from '../support/switchyard.harness.js';

/**
 * Hostile input through the HTTP API: templates that try to leave the Handlebars sandbox,
 * rules full of SQL-looking text, and webhooks, SMS providers and plugin requests aimed at
 * loopback (refused until the workspace allows the host; WEBHOOK_ALLOW_PRIVATE stays off).
 */

/** Text that would break a query built by concatenation, and text that is merely odd. */
const HOSTILE = [
  `'; DROP TABLE customers; --`,
  `"; DELETE FROM events; --`,
  `' OR '1'='1`,
  `$1`,
  `$$ SELECT 1 $$`,
  `\\`,
  `\\'`,
  `%`,
  `_`,
  `%_`,
  `a%b_c`,
  `"quoted"`,
  'back`tick',
  `$.a[*] ? (@ == 1)`,
  `{"a": 1}`,
  `'{a,b}'`,
  `한국어 고객`,
  `emoji 🎉`,
  `e\u0301`,
  `\u202Eevil`,
  `tab\there`,
  `new\nline`,
  `NULL`,
  ` padded `,
];

/** A plugin whose node calls `ctx.http` (the third path of the SSRF guard). */
function probePlugin(): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'sy-hostile-'));
  const dir = join(root, 'acme-probe');
  mkdirSync(join(dir, 'node_modules', '@switchyard'), { recursive: true });
  symlinkSync(join(repoRoot, 'packages', 'sdk'), join(dir, 'node_modules', '@switchyard', 'sdk'));
  symlinkSync(join(repoRoot, 'node_modules', 'zod'), join(dir, 'node_modules', 'zod'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'acme-probe', version: '1.0.0', type: 'module', main: 'index.js' }),
  );
  writeFileSync(
    join(dir, 'index.js'),
    `import { defineAction, defineActionPackage } from '@switchyard/sdk';
import { z } from 'zod';
export default defineActionPackage({ name: 'acme-probe', actions: [defineAction({
  type: 'acme.probe', version: 1, title: 'Probe', description: 'GETs a URL.', category: 'data',
  config: z.strictObject({ url: z.string() }), outputs: ['next'],
  async execute(ctx, config) { await ctx.http.request({ url: config.url }); return { kind: 'continue' }; },
})] });\n`,
  );
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

describe('hostile input', () => {
  let app: RunningSwitchyard;
  let api: JourneyApi;
  let sink: HttpSink;
  let plugin: ReturnType<typeof probePlugin>;
  let ingested: Record<string, number>;
  const tableCounts = async () =>
    (
      await app.db.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM customers) AS customers,
                (SELECT count(*)::int FROM events) AS events,
                (SELECT count(*)::int FROM pg_tables
                  WHERE tablename IN ('customers', 'events', 'segments')) AS tables`,
      )
    ).rows[0]!;
  const issues = (body: { issues?: { field: string; message: string; nodeId?: string }[] }) =>
    body.issues ?? [];

  beforeAll(async () => {
    sink = await startHttpSink();
    plugin = probePlugin();
    app = await startSwitchyard({ env: { PLUGINS: plugin.dir, WEBHOOK_ALLOW_PRIVATE: 'false' } });
    api = new JourneyApi(app);
    await api.identify(
      HOSTILE.map((value, i) => ({
        userId: `h${i}`,
        traits: { group: 'hostile', hostile: value, tags: [value, 'plain'], phone: '+14155550100' },
      })),
    );
    for (const [i, value] of HOSTILE.entries())
      await api.track(`h${i}`, 'Hostile Event', {
        note: value,
        $1: value,
        items: [{ name: value }, { name: 'plain' }],
      });
    await api.track('h0', HOSTILE[0]!, { note: HOSTILE[1] });
    ingested = await tableCounts();
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
    plugin?.cleanup();
  });

  const preview = async (rule: unknown) => {
    const res = await api.post('/api/segments/preview', {
      rule: { all: [{ attribute: 'group', op: 'eq', value: 'hostile' }, rule] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.estimated).toBeFalsy();
    return res.body as { count: number; sample: { externalId: string }[] };
  };
  const customersWhere = (test: (value: string) => boolean) =>
    HOSTILE.flatMap((value, i) => (test(value) ? [`h${i}`] : [])).sort();

  describe('templates', () => {
    it('refuses escapes when a journey is published, naming the node and field', async () => {
      const created = await api
        .post('/api/journeys', {
          name: 'Escape',
          graph: {
            nodes: [
              { ...trigger({ kind: 'segment_entered', segmentId: crypto.randomUUID() }) },
              {
                id: 'hook',
                type: 'webhook',
                config: { url: `${sink.url}/hook`, body: 'x\n{{> secrets}}' },
              },
              {
                id: 'mail',
                type: 'send_email',
                config: { subject: '{{log "leak"}}', html: '{{#*inline "p"}}{{/inline}}' },
              },
            ].map((n, i) => ({ ...n, position: { x: 0, y: i * 100 } })),
            edges: [
              { id: 'e0', source: 'trigger', target: 'hook' },
              { id: 'e1', source: 'hook', target: 'mail' },
            ],
          },
        })
        .expect(201);
      const refused = await api.post(`/api/journeys/${created.body.id}/publish`);
      expect(refused.status).toBe(400);
      const found = issues(refused.body);
      expect(found).toEqual(
        expect.arrayContaining([
          {
            field: 'graph.nodes[1].config.body',
            nodeId: 'hook',
            message: 'line 2, column 1: partials ("{{> name}}") are not available',
          },
          expect.objectContaining({
            field: 'graph.nodes[2].config.subject',
            nodeId: 'mail',
            message: expect.stringMatching(/^line 1, column 1: .*log/),
          }),
          expect.objectContaining({
            field: 'graph.nodes[2].config.html',
            nodeId: 'mail',
            message: expect.stringMatching(/inline partials/),
          }),
        ]),
      );
    });

    it('refuses escapes in campaign content and previews lookups as nothing', async () => {
      const audience = await api.post('/api/audiences', { name: 'Hostile', externalIds: ['h0'] });
      expect(audience.status, JSON.stringify(audience.body)).toBe(201);
      const campaign = await api
        .post('/api/campaigns', { name: 'Escape', audienceId: audience.body.id })
        .expect(201);
      for (const [field, source] of [
        ['html', '<p>{{constructor.constructor "return process.env"}}</p>'],
        ['subject', '{{#with "s" as |s|}}{{s.sub.call 1}}{{/with}}'],
        ['text', 'Hi\n  {{#> layout}}x{{/layout}}'],
      ] as const) {
        const res = await api.patch(`/api/campaigns/${campaign.body.id}`, { [field]: source });
        expect(res.status, source).toBe(400);
        expect(issues(res.body)[0]).toMatchObject({
          field,
          message: expect.stringMatching(/^line \d+, column \d+: /),
        });
      }
      const lookups =
        'A{{constructor.name}}{{customer.constructor.constructor}}{{lookup customer "__proto__"}}' +
        '{{customer.traits.hostile.constructor}}{{#with "s" as |s|}}{{s.sub}}{{s.constructor}}{{/with}}' +
        '{{@root.constructor}}{{this.__proto__}}{{customer.traits.tags.constructor.constructor}}Z';
      await api
        .patch(`/api/campaigns/${campaign.body.id}`, {
          subject: lookups,
          html: `<p>${lookups}</p>`,
        })
        .expect(200);
      const shown = await api.get(`/api/campaigns/${campaign.body.id}/preview?customer=h0`);
      expect(shown.status, JSON.stringify(shown.body)).toBe(200);
      const text = JSON.stringify(shown.body);
      expect(text).toContain('AZ');
      for (const leak of ['function', 'native code', 'process', app.apiKey, app.databaseUrl])
        expect(text).not.toContain(leak);
    });
  });

  describe('rules with SQL-looking text', () => {
    it('stores each value exactly and matches exactly the customer holding it', async () => {
      for (const [i, value] of HOSTILE.entries()) {
        const rule = {
          all: [
            { attribute: 'group', op: 'eq', value: 'hostile' },
            { attribute: 'hostile', op: 'eq', value },
          ],
        };
        const created = await api.post('/api/segments', { name: `Hostile ${i}`, rule });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const stored = await api.get(`/api/segments/${created.body.id}`).expect(200);
        expect(stored.body.rule).toEqual(rule);
        const { count, sample } = await preview({ attribute: 'hostile', op: 'eq', value });
        expect([value, count, sample.map((s) => s.externalId)]).toEqual([value, 1, [`h${i}`]]);
      }
      await api.post('/api/evaluations', {}).expect(200);
      const segments = (await api.get('/api/segments').expect(200)).body as {
        name: string;
        memberCount: number;
      }[];
      expect(
        segments.filter((s) => s.name.startsWith('Hostile ')).map((s) => s.memberCount),
      ).toEqual(HOSTILE.map(() => 1));
    });

    it('reads %, _ and \\ literally in contains, startsWith, in and lists', async () => {
      for (const needle of ['%', '_', '\\', "'", '$1', '%_', '"', '--', '🎉'])
        expect(
          (await preview({ attribute: 'hostile', op: 'contains', value: needle })).count,
          needle,
        ).toBe(customersWhere((v) => v.toLowerCase().includes(needle.toLowerCase())).length);
      for (const prefix of ['%', '_', "'", '\\', '$'])
        expect(
          (await preview({ attribute: 'hostile', op: 'startsWith', value: prefix })).count,
          prefix,
        ).toBe(customersWhere((v) => v.startsWith(prefix)).length);
      const some = HOSTILE.slice(0, 6);
      expect((await preview({ attribute: 'hostile', op: 'in', value: some })).count).toBe(6);
      expect((await preview({ attribute: 'hostile', op: 'notIn', value: some })).count).toBe(
        HOSTILE.length - 6,
      );
      expect((await preview({ attribute: 'tags', op: 'contains', value: '%_' })).count).toBe(1);
      expect((await preview({ attribute: 'tags', op: 'in', value: ['%', '_'] })).count).toBe(2);
    });

    it('takes event names, property names and values as data', async () => {
      const count = (extra: object) =>
        preview({ aggregate: { fn: 'count' }, op: 'gte', value: 1, ...extra });
      expect((await count({ event: HOSTILE[0] })).sample.map((s) => s.externalId)).toEqual(['h0']);
      expect(
        (
          await count({
            event: HOSTILE[0],
            where: [{ property: 'note', op: 'eq', value: HOSTILE[1] }],
          })
        ).count,
      ).toBe(1);
      for (const [i, value] of HOSTILE.entries()) {
        for (const property of ['note', '$1', 'items[].name']) {
          const found = await count({
            event: 'Hostile Event',
            where: [{ property, op: 'eq', value }],
          });
          expect([value, property, found.sample.map((s) => s.externalId)]).toEqual([
            value,
            property,
            [`h${i}`],
          ]);
        }
      }
      const distinct = await preview({
        event: 'Hostile Event',
        aggregate: { fn: 'countDistinct', property: 'note' },
        op: 'eq',
        value: 1,
      });
      expect(distinct.count).toBe(HOSTILE.length);
    });

    it('agrees with plain string comparison for any hostile value (property)', async () => {
      const chars = [...'%_\\\'"$;-() {}[]*?@.aAbB한🎉\u0301\t\n'];
      const needle = fc.oneof(
        fc.constantFrom(...HOSTILE),
        fc.string({ unit: fc.constantFrom(...chars), maxLength: 4 }),
      );
      await fc.assert(
        fc.asyncProperty(
          needle,
          fc.constantFrom('eq', 'neq', 'contains', 'startsWith'),
          async (value, op) => {
            const oracle = {
              eq: (v: string) => v === value,
              neq: (v: string) => v !== value,
              contains: (v: string) => v.toLowerCase().includes(value.toLowerCase()),
              startsWith: (v: string) => v.toLowerCase().startsWith(value.toLowerCase()),
            }[op];
            const found = await preview({ attribute: 'hostile', op, value });
            expect([op, value, found.count]).toEqual([op, value, customersWhere(oracle).length]);
          },
        ),
        { numRuns: 60 },
      );
    });

    it('refuses NUL, broken unicode and unsafe names with a 4xx naming the field', async () => {
      const cases: [unknown, string, RegExp][] = [
        [{ attribute: 'hostile', op: 'eq', value: 'a\u0000b' }, 'rule.value', /NUL/],
        [{ attribute: 'hostile', op: 'in', value: ['ok', '\ud800'] }, 'rule.value[1]', /surrogate/],
        [
          { attribute: "hostile'; DROP TABLE customers; --", op: 'exists' },
          'rule.attribute',
          /letters/,
        ],
        [{ attribute: 'traits->>0', op: 'exists' }, 'rule.attribute', /letters/],
        [
          {
            event: 'x',
            where: [{ property: "a') OR ('1", op: 'exists' }],
            aggregate: { fn: 'count' },
            op: 'gte',
            value: 1,
          },
          'rule.where[0].property',
          /letters/,
        ],
        [
          { event: 'Paid\u0000', aggregate: { fn: 'count' }, op: 'gte', value: 1 },
          'rule.event',
          /NUL/,
        ],
        [{ location: 'city', op: 'in', value: ['Seoul\u0000'] }, 'rule.value[0]', /NUL/],
        [{ random: { percent: 10, salt: '\u0000' } }, 'rule.random.salt', /NUL/],
      ];
      for (const [rule, field, reason] of cases) {
        for (const path of ['/api/segments', '/api/segments/preview']) {
          const res = await api.post(
            path,
            path.endsWith('preview') ? { rule } : { name: 'Bad', rule },
          );
          expect([path, field, res.status]).toEqual([path, field, 400]);
          expect(issues(res.body)).toContainEqual({
            field,
            message: expect.stringMatching(reason),
          });
        }
      }
    });

    it('refuses traits and properties over 32 KB as stored, numbers written out in full', async () => {
      // 1.4 MB of JSON, well under the body limit, but 65 MB as jsonb writes 5e-324 out.
      const tiny = new Array<number>(200_001).fill(5e-324);
      const answers = [
        await api.post('/v1/identify', { userId: 'big', traits: { tiny } }),
        await api.post('/v1/track', { userId: 'big', event: 'Big', properties: { tiny } }),
        await api.post('/v1/batch', {
          batch: [
            { type: 'track', userId: 'ok', event: 'Fine', properties: { n: 5e-324 } },
            { type: 'identify', userId: 'big', traits: { tiny } },
          ],
        }),
      ];
      expect(answers.map((res) => [res.status, issues(res.body)[0]?.field])).toEqual([
        [400, 'traits'],
        [400, 'properties'],
        [400, 'batch[1].traits'],
      ]);
      expect(issues(answers[0]!.body)[0]?.message).toMatch(/^must be at most 32 KB as stored/);
      // An import line may be 1 MB: 10,000 of them are 70 KB of JSON and 3.3 MB stored.
      const line = JSON.stringify({
        type: 'identify',
        userId: 'big',
        traits: { tiny: tiny.slice(0, 10_000) },
      });
      const imported = await request(app.url)
        .post('/api/imports?skipInvalid=true')
        .set('Authorization', `Bearer ${app.apiKey}`)
        .set('Content-Type', 'application/x-ndjson')
        .send(`${line}\n`);
      expect(imported.status, JSON.stringify(imported.body)).toBe(201);
      expect(imported.body).toMatchObject({
        invalidLines: 1,
        eventsInserted: 0,
        errors: [{ line: 1, field: 'traits', message: expect.stringMatching(/32 KB/) }],
      });
    });

    it('leaves every table as it was', async () => {
      expect(await tableCounts()).toEqual(ingested);
      expect(ingested).toMatchObject({ customers: HOSTILE.length, tables: 3 });
      const { rows } = await app.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM events WHERE name = ANY($1::text[])`,
        [['Hostile Event', HOSTILE[0]]],
      );
      expect(rows[0]?.n).toBe(HOSTILE.length + 1);
    });
  });

  describe('webhooks, SMS and plugin requests to loopback', () => {
    it('refuses localhost with a clear error, then reaches it once the workspace allows it', async () => {
      const port = new URL(sink.url).port;
      const local = `http://localhost:${port}`;
      await api
        .put('/api/workspace/settings', { smsProvider: { url: `${local}/sms`, from: 'Shop' } })
        .expect(200);
      await api.identify([{ userId: 'ssrf1', traits: { cohort: 'ssrf', phone: '+14155550101' } }]);
      const segment = await api.segment('SSRF', { attribute: 'cohort', op: 'eq', value: 'ssrf' });
      const journey = await api.publish(
        'To loopback',
        [
          trigger({ kind: 'segment_entered', segmentId: segment }),
          {
            id: 'hook',
            type: 'webhook',
            config: { url: `${local}/hook`, body: '{"id":"{{customer.externalId}}"}' },
          },
          { id: 'sms', type: 'send_sms', config: { body: 'Hi {{customer.externalId}}' } },
          { id: 'probe', type: 'acme.probe', config: { url: `${local}/probe` } },
        ],
        [
          ['trigger', 'hook'],
          ['hook', 'sms'],
          ['sms', 'probe'],
        ],
      );
      await api.evaluate();
      expect(await api.settled(journey, 1)).toEqual({ failed: 1 });
      const refusal = `refused: localhost resolves to 127.0.0.1, a loopback address (add "localhost:${port}" to the workspace's allowedHosts, or set WEBHOOK_ALLOW_PRIVATE=true)`;
      const outbox = await waitFor(async () => {
        const { rows } = await app.db.query<{
          channel: string;
          status: string;
          last_error: string;
        }>(`SELECT channel, status, last_error FROM outbox ORDER BY channel`);
        return rows.length === 2 && rows.every((r) => r.status !== 'pending') ? rows : undefined;
      });
      expect(outbox).toEqual([
        { channel: 'sms', status: 'failed', last_error: refusal },
        { channel: 'webhook', status: 'failed', last_error: refusal },
      ]);
      const { rows: steps } = await app.db.query<{ error: string }>(
        `SELECT s.error FROM enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id
          WHERE e.journey_id = $1 AND s.node_id = 'probe'`,
        [journey],
      );
      expect(steps[0]?.error).toBe(`acme.probe (plugin acme-probe): ctx.http: ${refusal}`);
      expect(sink.requests).toEqual([]);

      const allowed = await api.put('/api/workspace/settings', { allowedHosts: ['LOCALHOST.'] });
      expect(allowed.status).toBe(200);
      expect(allowed.body.allowedHosts).toEqual(['localhost']);
      const bad = await api.put('/api/workspace/settings', { allowedHosts: ['http://x/'] });
      expect(bad.status).toBe(400);
      expect(issues(bad.body)[0]?.field).toBe('allowedHosts[0]');
      await api.identify([{ userId: 'ssrf2', traits: { cohort: 'ssrf', phone: '+14155550102' } }]);
      await api.evaluate();
      expect(await api.settled(journey, 2)).toEqual({ failed: 1, completed: 1 });
      await waitFor(async () => (sink.requests.length >= 3 ? true : undefined), 15_000, 'requests');
      expect(sink.requests.map((r) => r.path).sort()).toEqual(['/hook', '/probe', '/sms']);
      expect(JSON.parse(sink.requests.find((r) => r.path === '/hook')!.body)).toEqual({
        id: 'ssrf2',
      });
    });
  });
});
