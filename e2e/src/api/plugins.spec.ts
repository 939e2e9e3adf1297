import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpSink, startHttpSink } from '../support/http-sink.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import {
  dropTestData,
  repoRoot,
  startSwitchyard,
  waitFor,
  type RunningSwitchyard,
} from '../support/switchyard.harness.js';

/**
 * Plugins live outside the repository: a folder with a package.json whose default export
 * is defineActionPackage(...), importing only @switchyard/sdk and zod (linked into its
 * node_modules, as `npm install` would put them). No file of server or web is touched.
 */
const root = mkdtempSync(join(tmpdir(), 'sy-plugins-'));

function plugin(name: string, source: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'node_modules', '@switchyard'), { recursive: true });
  symlinkSync(join(repoRoot, 'packages', 'sdk'), join(dir, 'node_modules', '@switchyard', 'sdk'));
  symlinkSync(join(repoRoot, 'node_modules', 'zod'), join(dir, 'node_modules', 'zod'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', type: 'module', main: 'index.js' }),
  );
  writeFileSync(join(dir, 'index.js'), source);
  return dir;
}

const at0 = { x: 0, y: 0 };

const header = `import { defineAction, defineActionPackage, FatalActionError } from '@switchyard/sdk';\nimport { z } from 'zod';\n`;

const pinger = plugin(
  'acme-pinger',
  `${header}
export default defineActionPackage({
  name: 'acme-pinger',
  actions: [
    defineAction({
      type: 'acme.ping',
      version: 1,
      title: 'Ping',
      description: 'Tells a URL that the customer passed here.',
      category: 'integration',
      config: z.strictObject({ url: z.string().url(), note: z.string().default('hi') }),
      outputs: ['next'],
      async execute(ctx, config) {
        await ctx.effects.webhook({
          url: config.url,
          method: 'POST',
          body: JSON.stringify({ customer: ctx.customer.externalId, note: ctx.renderText(config.note) }),
        });
        return { kind: 'continue', context: { pinged: true } };
      },
    }),
    defineAction({
      type: 'acme.lookup',
      version: 1,
      title: 'Score lookup',
      description: 'Reads a score over HTTP with a workspace secret.',
      category: 'data',
      config: z.strictObject({ url: z.string().url() }),
      outputs: ['high', 'low'],
      async execute(ctx, config) {
        const token = await ctx.secret('scoreToken');
        const answer = await ctx.http.request({
          url: config.url + '?customer=' + ctx.customer.externalId,
          headers: { authorization: 'Bearer ' + (token ?? 'none') },
        });
        const high = answer.status === 200;
        return { kind: 'continue', output: high ? 'high' : 'low', context: { status: answer.status } };
      },
    }),
    defineAction({
      type: 'acme.notify',
      version: 1,
      title: 'Notify',
      description: 'Posts to a URL with a workspace secret as its bearer token.',
      category: 'integration',
      config: z.strictObject({ url: z.string().url() }),
      outputs: ['next'],
      async execute(ctx, config) {
        const token = await ctx.secret('notifyToken');
        await ctx.effects.webhook({
          url: config.url,
          method: 'POST',
          headers: { authorization: 'Bearer ' + (token ?? 'none') },
          body: JSON.stringify({ customer: ctx.customer.externalId }),
        });
        return { kind: 'continue' };
      },
    }),
    defineAction({
      type: 'acme.hang',
      version: 1,
      title: 'Hang',
      description: 'Never answers.',
      category: 'integration',
      config: z.strictObject({}),
      outputs: ['next'],
      execute: () => new Promise(() => undefined),
    }),
    defineAction({
      type: 'acme.boom',
      version: 1,
      title: 'Boom',
      description: 'Always fails.',
      category: 'integration',
      config: z.strictObject({}),
      outputs: ['next'],
      async execute() {
        throw new FatalActionError('upstream said no');
      },
    }),
  ],
});
`,
);

describe('action-node plugins', () => {
  let app: RunningSwitchyard;
  let sink: HttpSink;

  beforeAll(async () => {
    sink = await startHttpSink();
    // The example package of the repository is loaded from its folder, like any plugin.
    const example = join(repoRoot, 'packages', 'slack-notify');
    app = await startSwitchyard({
      env: {
        PLUGINS: `${pinger},${example}`,
        WEBHOOK_ALLOW_PRIVATE: 'true',
        STEP_PREVIEW_TIMEOUT_MS: '1500',
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the plugin node beside the built-ins, with its settings schema', async () => {
    const api = new JourneyApi(app);
    const types = (await api.get('/api/node-types').expect(200)).body as {
      type: string;
      category: string;
      configSchema: { properties: Record<string, unknown> };
    }[];
    const ping = types.find((t) => t.type === 'acme.ping');
    expect(ping?.category).toBe('integration');
    expect(Object.keys(ping?.configSchema.properties ?? {})).toEqual(['url', 'note']);
    expect(types.some((t) => t.type === 'send_email')).toBe(true);
  });

  it('runs it exactly once per enrollment in a published journey', async () => {
    const api = new JourneyApi(app);
    const users = Array.from({ length: 25 }, (_, i) => `p${i}`);
    await api.identify(users.map((userId) => ({ userId, traits: { plan: 'pro' } })));
    const pros = await api.segment('Pro', { attribute: 'plan', op: 'eq', value: 'pro' });
    const journeyId = await api.publish(
      'Ping pros',
      [
        trigger({ kind: 'segment_entered', segmentId: pros }),
        {
          id: 'ping',
          type: 'acme.ping',
          config: { url: `${sink.url}/ping`, note: 'hello {{customer.externalId}}' },
        },
      ],
      [['trigger', 'ping']],
    );
    await api.evaluate();
    await api.settled(journeyId, users.length);
    await waitFor(async () => (sink.requests.length >= users.length ? true : undefined), 20_000);
    await new Promise((r) => setTimeout(r, 500));
    const customers = sink.requests.map(
      (r) => (JSON.parse(r.body) as { customer: string }).customer,
    );
    expect(customers.sort()).toEqual([...users].sort());
    expect(JSON.parse(sink.requests[0]?.body ?? '{}').note).toMatch(/^hello p\d+$/);
  });

  it('the example Slack node posts one message per customer to an incoming webhook', async () => {
    const api = new JourneyApi(app);
    await api.identify(
      ['s1', 's2', 's3'].map((userId) => ({
        userId,
        traits: { plan: 'slack', first_name: userId.toUpperCase() },
      })),
    );
    const segment = await api.segment('Slack', { attribute: 'plan', op: 'eq', value: 'slack' });
    const journeyId = await api.publish(
      'Tell the team',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        {
          id: 'slack',
          type: 'example.slack_notify',
          config: {
            webhookUrl: `${sink.url}/services/T0/B0/X`,
            message: 'New: {{customer.traits.first_name}} ({{trigger.segmentName}})',
            mention: 'here',
          },
        },
      ],
      [['trigger', 'slack']],
    );
    await api.evaluate();
    await api.settled(journeyId, 3);
    const posts = await waitFor(async () => {
      const found = sink.requests.filter((r) => r.path === '/services/T0/B0/X');
      return found.length >= 3 ? found : undefined;
    }, 20_000);
    expect(posts.map((p) => JSON.parse(p.body).text).sort()).toEqual([
      '<!here> New: S1 (Slack)',
      '<!here> New: S2 (Slack)',
      '<!here> New: S3 (Slack)',
    ]);
    expect(posts[0]?.headers['content-type']).toContain('application/json');
  });

  it('reaches out with ctx.http and a workspace secret (write-only through the API)', async () => {
    const api = new JourneyApi(app);
    await api.put('/api/workspace/secrets/scoreToken', { value: 'tok-123' }).expect(204);
    expect((await api.get('/api/workspace/secrets').expect(200)).body).toEqual({
      names: ['scoreToken'],
    });
    expect((await api.put('/api/workspace/secrets/1bad', { value: 'x' })).status).toBe(400);
    await api.identify([{ userId: 'l1', traits: { plan: 'lookup' } }]);
    const segment = await api.segment('Lookup', { attribute: 'plan', op: 'eq', value: 'lookup' });
    const journeyId = await api.publish(
      'Look up',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        { id: 'lookup', type: 'acme.lookup', config: { url: `${sink.url}/score` } },
      ],
      [['trigger', 'lookup']],
    );
    await api.evaluate();
    await api.settled(journeyId, 1);
    const call = sink.requests.find((r) => r.path.startsWith('/score'));
    expect(call?.method).toBe('GET');
    expect(call?.path).toBe('/score?customer=l1');
    expect(call?.headers['authorization']).toBe('Bearer tok-123');
    expect((await api.outputsAt(journeyId, 'lookup')).get('l1')).toBe('high');
    await api.delete('/api/workspace/secrets/scoreToken').expect(204);
    expect((await api.get('/api/workspace/secrets').expect(200)).body).toEqual({ names: [] });
  });

  it('a preview runs a plugin node without calling out or showing a secret', async () => {
    const api = new JourneyApi(app);
    await api.put('/api/workspace/secrets/notifyToken', { value: 'tok-secret-456' }).expect(204);
    await api.identify([{ userId: 'v1', traits: { plan: 'preview' } }]);
    const segment = await api.segment('Preview', { attribute: 'plan', op: 'eq', value: 'preview' });
    const draftId = await api.draftOnSegment('Plugin preview', segment);
    const preview = (node: Record<string, unknown>) =>
      api
        .post(`/api/journeys/${draftId}/preview-step`, {
          node: { ...node, position: at0 },
          customer: 'v1',
        })
        .expect(200);
    const notify = await preview({
      id: 'notify',
      type: 'acme.notify',
      config: { url: `${sink.url}/notify` },
    });
    expect(notify.body.messages).toEqual([
      {
        channel: 'webhook',
        method: 'POST',
        url: `${sink.url}/notify`,
        headers: { authorization: 'Bearer [secret notifyToken]' },
        body: JSON.stringify({ customer: 'v1' }),
      },
    ]);
    expect(JSON.stringify(notify.body)).not.toContain('tok-secret-456');
    // A test send makes the real request, secret included, and never shows the secret back.
    sink.failNext(1, 200, 'seen Bearer tok-secret-456');
    const tested = await api
      .post(`/api/journeys/${draftId}/test-send`, {
        node: {
          id: 'notify',
          type: 'acme.notify',
          config: { url: `${sink.url}/notify` },
          position: at0,
        },
        customer: 'v1',
      })
      .expect(200);
    expect(sink.requests.at(-1)?.headers).toMatchObject({
      authorization: 'Bearer tok-secret-456',
      'x-switchyard-test': '1',
    });
    expect(tested.body.sent).toEqual([
      expect.objectContaining({ status: 200, answer: 'seen Bearer [secret notifyToken]' }),
    ]);
    expect(JSON.stringify(tested.body)).not.toContain('tok-secret-456');
    const calls = sink.requests.length;
    const lookup = await preview({
      id: 'lookup',
      type: 'acme.lookup',
      config: { url: `${sink.url}/score` },
    });
    expect(lookup.body.outcome).toEqual({
      kind: 'error',
      message:
        'ctx.http: a preview does not call other services (this step makes a request when it runs)',
    });
    expect(sink.requests.length).toBe(calls);
    await api.delete('/api/workspace/secrets/notifyToken').expect(204);
    const unset = await preview({
      id: 'notify',
      type: 'acme.notify',
      config: { url: `${sink.url}/notify` },
    });
    expect(unset.body.messages[0].headers).toEqual({ authorization: 'Bearer none' });
    // A node that never answers is cut off, and the server answers the next preview.
    const started = Date.now();
    const hang = await preview({ id: 'hang', type: 'acme.hang', config: {} });
    expect(hang.body.outcome).toEqual({
      kind: 'error',
      message: 'the step did not finish within 1.5 s',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(
      (await preview({ id: 'notify', type: 'acme.notify', config: { url: sink.url } })).body
        .outcome,
    ).toEqual({ kind: 'continue', output: 'next' });
  });

  it('a node that throws fails its step with the plugin named, and nothing else breaks', async () => {
    const api = new JourneyApi(app);
    await api.identify([{ userId: 'b1', traits: { plan: 'boom' } }]);
    const boomers = await api.segment('Boomers', { attribute: 'plan', op: 'eq', value: 'boom' });
    const journeyId = await api.publish(
      'Boom',
      [
        trigger({ kind: 'segment_entered', segmentId: boomers }),
        { id: 'boom', type: 'acme.boom', config: {} },
      ],
      [['trigger', 'boom']],
    );
    await api.evaluate();
    expect(await api.settled(journeyId, 1)).toEqual({ failed: 1 });
    const { rows } = await app.db.query<{ error: string }>(
      `SELECT s.error FROM enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id
        WHERE e.journey_id = $1 AND s.node_id = 'boom'`,
      [journeyId],
    );
    expect(rows[0]?.error).toBe('acme.boom (plugin acme-pinger): upstream said no');
    await api.get('/health/ready').expect(200);
  });

  it('refuses to boot on a bad plugin, naming it and what is wrong', async () => {
    const cases: [string, string, RegExp][] = [
      [
        'acme-throws',
        `throw new Error('cannot find my config file');\n`,
        /plugin .*acme-throws: failed to load: cannot find my config file/,
      ],
      [
        'acme-duplicate',
        `${header}export default defineActionPackage({ name: 'acme-duplicate', actions: [defineAction({ type: 'wait', version: 1, title: 'W', description: 'd', category: 'flow', config: z.strictObject({}), outputs: ['next'], execute: async () => ({ kind: 'continue' }) })] });\n`,
        /plugin acme-duplicate .*: action "wait": wait@1 is already registered by @switchyard\/built-in/,
      ],
      [
        'acme-scalar',
        `${header}export default defineActionPackage({ name: 'acme-scalar', actions: [defineAction({ type: 'acme.scalar', version: 1, title: 'S', description: 'd', category: 'data', config: z.string(), outputs: ['next'], execute: async () => ({ kind: 'continue' }) })] });\n`,
        /plugin acme-scalar .*: action "acme.scalar": its config schema must be an object/,
      ],
      [
        'acme-old-sdk',
        `${header}const { references, ...old } = defineAction({ type: 'acme.old', version: 1, title: 'O', description: 'd', category: 'data', config: z.strictObject({}), outputs: ['next'], execute: async () => ({ kind: 'continue' }) });\nexport default defineActionPackage({ name: 'acme-old-sdk', actions: [old] });\n`,
        /plugin acme-old-sdk .*: action "acme.old": was made with an older @switchyard\/sdk/,
      ],
      [
        'acme-nothing',
        `export default { hello: 'world' };\n`,
        /plugin .*acme-nothing: its default export is not an action package/,
      ],
    ];
    for (const [name, source, message] of cases) {
      const dir = plugin(name, source);
      const failed = await startSwitchyard({ env: { PLUGINS: `${pinger},${dir}` } }).then(
        async (started) => {
          await started.stop();
          return '';
        },
        (error: Error) => error.message,
      );
      expect(failed, name).toMatch(message);
      expect(failed).toContain('Plugins could not be loaded');
    }
  });
});

describe('plugin node versions', () => {
  const say = (version: number) =>
    `defineAction({ type: 'acme.say', version: ${version}, title: 'Say', description: 'Says its version.', category: 'integration', config: z.strictObject({ url: z.string().url() }), outputs: ['next'], async execute(ctx, config) { await ctx.effects.webhook({ url: config.url, method: 'POST', body: JSON.stringify({ customer: ctx.customer.externalId, version: ${version} }) }); return { kind: 'continue' }; } })`;
  const source = (versions: number[]) =>
    `${header}export default defineActionPackage({ name: 'acme-versioned', actions: [${versions.map(say).join(', ')}] });\n`;

  it('a published journey keeps the version it was built with when a new one is installed', async () => {
    const dir = plugin('acme-versioned', source([1]));
    const sink = await startHttpSink();
    const first = await startSwitchyard({
      env: { PLUGINS: dir, WEBHOOK_ALLOW_PRIVATE: 'true' },
      keepData: true,
    });
    let second: RunningSwitchyard | undefined;
    try {
      const api1 = new JourneyApi(first);
      const segment = await api1.segment('Say', { attribute: 'say', op: 'eq', value: true });
      const say = { id: 'say', type: 'acme.say', config: { url: `${sink.url}/say` } };
      const old = await api1.publish(
        'Say v1',
        [trigger({ kind: 'segment_entered', segmentId: segment }), say],
        [['trigger', 'say']],
      );
      await first.terminate();
      // Version 2 installed beside 1: a restart loads both.
      writeFileSync(join(dir, 'index.js'), source([1, 2]));
      second = await startSwitchyard({ attachTo: first });
      const api = new JourneyApi(second);
      const types = (await api.get('/api/node-types').expect(200)).body as {
        type: string;
        version: number;
      }[];
      expect(types.find((t) => t.type === 'acme.say')?.version).toBe(2);
      const fresh = await api.publish(
        'Say v2',
        [trigger({ kind: 'segment_entered', segmentId: segment }), say],
        [['trigger', 'say']],
      );
      await api.identify([{ userId: 'v-a', traits: { say: true } }]);
      await api.evaluate();
      await api.settled(old, 1);
      await api.settled(fresh, 1);
      const said = await waitFor(
        async () => (sink.requests.length >= 2 ? sink.requests : undefined),
        20_000,
      );
      expect(said.map((r) => (JSON.parse(r.body) as { version: number }).version).sort()).toEqual([
        1, 2,
      ]);
      const { rows } = await second.db.query<{ name: string; type_version: number }>(
        `SELECT j.name, (n->>'typeVersion')::int AS type_version
           FROM journeys j JOIN journey_versions v ON v.id = j.live_version_id
           CROSS JOIN LATERAL jsonb_array_elements(v.graph->'nodes') n
          WHERE n->>'id' = 'say' ORDER BY j.name`,
      );
      expect(rows).toEqual([
        { name: 'Say v1', type_version: 1 },
        { name: 'Say v2', type_version: 2 },
      ]);
    } finally {
      await second?.stop();
      await first.stop();
      // Started with keepData (for the restart): its database and Redis keys go here.
      await dropTestData(first.databaseUrl, first.redisPrefix, first.redisUrl);
      await sink.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
