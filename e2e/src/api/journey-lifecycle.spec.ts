import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi, trigger, type GraphNode } from '../support/journey-api.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

const wait = (seconds: number): GraphNode => ({
  id: 'wait',
  type: 'wait',
  config: { amount: seconds, unit: 'seconds' },
});
const mark = (value: string): GraphNode => ({
  id: 'mark',
  type: 'update_attribute',
  config: { trait: 'mark', value },
});

/** Drafts, versions, pause / resume / stop, deleted segments and refused graphs. */
describe('journey lifecycle', () => {
  let app: RunningSwitchyard;
  let api: JourneyApi;

  beforeAll(async () => {
    app = await startSwitchyard();
    api = new JourneyApi(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const traitOf = async (externalId: string, trait: string) => {
    const { rows } = await app.db.query<{ v: string | null }>(
      `SELECT traits->>$2 AS v FROM customers WHERE external_id = $1`,
      [externalId, trait],
    );
    return rows[0]?.v ?? null;
  };
  const enter = async (userId: string, flag: string) => {
    await api.identify([{ userId, traits: { [flag]: true } }]);
    await api.evaluate();
  };

  it('edits a live journey as a draft; each run finishes on the version it started on', async () => {
    const segment = await api.segment('Versioned', {
      attribute: 'versioned',
      op: 'eq',
      value: true,
    });
    const journey = await api.publish(
      'Versioned',
      [trigger({ kind: 'segment_entered', segmentId: segment }), wait(3), mark('v1')],
      [
        ['trigger', 'wait'],
        ['wait', 'mark'],
      ],
    );
    await enter('v-old', 'versioned');
    const draft = (await api.get(`/api/journeys/${journey}`).expect(200)).body;
    expect(draft.hasUnpublishedChanges).toBe(false);
    const graph = {
      ...draft.graph,
      nodes: draft.graph.nodes.map((n: GraphNode) =>
        n.id === 'mark' ? { ...n, config: { ...n.config, value: 'v2' } } : n,
      ),
    };
    const edited = (await api.patch(`/api/journeys/${journey}`, { graph }).expect(200)).body;
    expect(edited).toMatchObject({ status: 'live', hasUnpublishedChanges: true });
    expect(edited.liveVersion.version).toBe(1);
    await api.post(`/api/journeys/${journey}/publish`).expect(201);
    await enter('v-new', 'versioned');
    expect(await api.settled(journey, 2, 20_000)).toEqual({ completed: 2 });
    expect(await traitOf('v-old', 'mark')).toBe('v1');
    expect(await traitOf('v-new', 'mark')).toBe('v2');

    const versions = (await api.get(`/api/journeys/${journey}/versions`).expect(200)).body;
    expect(
      versions.map((v: { version: number; live: boolean; enrollments: { total: number } }) => [
        v.version,
        v.live,
        v.enrollments.total,
      ]),
    ).toEqual([
      [2, true, 1],
      [1, false, 1],
    ]);
    const listed = (await api.get('/api/journeys').expect(200)).body.find(
      (j: { id: string }) => j.id === journey,
    );
    expect(listed.enrollments).toEqual({ total: 2, active: 0 });
    const restored = (
      await api.post(`/api/journeys/${journey}/versions/${versions[1].id}/restore`).expect(201)
    ).body;
    expect(restored.hasUnpublishedChanges).toBe(true);
    expect(restored.graph.nodes.find((n: GraphNode) => n.id === 'mark').config.value).toBe('v1');
  });

  it('pauses (holding runs and enrolling nobody), resumes, and stops', async () => {
    const segment = await api.segment('Pausable', { attribute: 'pausable', op: 'eq', value: true });
    const journey = await api.publish(
      'Pausable',
      [trigger({ kind: 'segment_entered', segmentId: segment }), wait(2), mark('done')],
      [
        ['trigger', 'wait'],
        ['wait', 'mark'],
      ],
    );
    await enter('p1', 'pausable');
    await waitFor(
      async () => ((await api.enrollments(journey))['active'] === 1 ? true : undefined),
      5_000,
      'p1 waiting',
    );
    expect((await api.post(`/api/journeys/${journey}/pause`).expect(201)).body.status).toBe(
      'paused',
    );
    await enter('p2', 'pausable');
    await new Promise((r) => setTimeout(r, 3500));
    expect(await api.enrollments(journey)).toEqual({ active: 1 });
    expect(await traitOf('p1', 'mark')).toBeNull();
    expect((await api.post(`/api/journeys/${journey}/resume`).expect(201)).body.status).toBe(
      'live',
    );
    expect(await api.settled(journey, 1, 15_000)).toEqual({ completed: 1 });
    expect(await traitOf('p1', 'mark')).toBe('done');

    const long = await api.publish(
      'Stoppable',
      [trigger({ kind: 'segment_entered', segmentId: segment }), wait(3600), mark('never')],
      [
        ['trigger', 'wait'],
        ['wait', 'mark'],
      ],
    );
    await enter('p3', 'pausable');
    await waitFor(
      async () => ((await api.enrollments(long))['active'] === 1 ? true : undefined),
      5_000,
      'p3 waiting',
    );
    // The list counts each journey's runs over its versions: active now, and ever.
    const listed = async () => {
      const rows = (await api.get('/api/journeys').expect(200)).body as {
        id: string;
        enrollments: { total: number; active: number };
      }[];
      return Object.fromEntries(rows.map((row) => [row.id, row.enrollments]));
    };
    expect((await listed())[long]).toEqual({ total: 1, active: 1 });
    expect((await api.post(`/api/journeys/${long}/stop`).expect(201)).body.status).toBe('stopped');
    expect((await listed())[long]).toEqual({ total: 1, active: 0 });
    expect(await api.enrollments(long)).toEqual({ exited: 1 });
    const resume = await api.post(`/api/journeys/${long}/resume`);
    expect(resume.status).toBe(409);
    expect(resume.body.message).toBe('a stopped journey cannot be resumed');
  });

  it('pauses a live journey, with the reason, when its segment is deleted', async () => {
    const segment = await api.segment('Doomed', { attribute: 'doomed', op: 'eq', value: true });
    const journey = await api.publish(
      'Doomed journey',
      [trigger({ kind: 'segment_entered', segmentId: segment }), mark('x')],
      [['trigger', 'mark']],
    );
    const removed = await api.delete(`/api/segments/${segment}`);
    expect(removed.status).toBeLessThan(300);
    const view = (await api.get(`/api/journeys/${journey}`).expect(200)).body;
    expect(view.status).toBe('paused');
    expect(view.statusReason).toBe('its segment "Doomed" was deleted');
    // Publishing is refused until the trigger names a segment that exists, naming the node.
    const publish = await api.post(`/api/journeys/${journey}/publish`);
    expect(publish.status).toBe(400);
    expect(publish.body.issues).toContainEqual({
      field: 'graph.nodes[0].config.segmentId',
      nodeId: 'trigger',
      message: 'no such segment in this workspace',
    });
    // Resuming it would make live a trigger that can never fire: refused, naming why.
    const resume = await api.post(`/api/journeys/${journey}/resume`);
    expect(resume.status).toBe(409);
    expect(resume.body.message).toBe(
      'the published version cannot run: no such segment in this workspace; fix the draft and publish it as a new version',
    );
    expect((await api.get(`/api/journeys/${journey}`).expect(200)).body.status).toBe('paused');
  });

  it('refuses broken graphs with a 4xx naming the node, and writes nothing', async () => {
    const segment = await api.segment('Valid', { attribute: 'valid', op: 'eq', value: true });
    const base = trigger({ kind: 'segment_entered', segmentId: segment });
    const cases: {
      name: string;
      nodes: GraphNode[];
      edges: [string, string, string?][];
      nodeId: string;
      message: RegExp;
    }[] = [
      {
        name: 'unknown node type',
        nodes: [base, { id: 'x', type: 'teleport', config: {} }],
        edges: [['trigger', 'x']],
        nodeId: 'x',
        message: /unknown node type "teleport"/,
      },
      {
        name: 'settings failing their schema',
        nodes: [
          base,
          {
            id: 'split',
            type: 'random_split',
            config: { branches: [{ key: 'a', label: 'A', percent: 60 }], holdoutPercent: 10 },
          },
        ],
        edges: [['trigger', 'split']],
        nodeId: 'split',
        message: /add up to 100/,
      },
      {
        name: 'template that does not compile',
        nodes: [
          base,
          { id: 'mail', type: 'send_email', config: { subject: 'Hi {{#if x}}', html: '<p/>' } },
        ],
        edges: [['trigger', 'mail']],
        nodeId: 'mail',
        message: /line 1, column 13: unexpected end of template/,
      },
      {
        name: 'cycle without a wait',
        nodes: [base, { ...mark('a'), id: 'm1' }, { ...mark('b'), id: 'm2' }],
        edges: [
          ['trigger', 'm1'],
          ['m1', 'm2'],
          ['m2', 'm1'],
        ],
        nodeId: 'm1',
        message: /cycle without a wait/,
      },
      {
        name: 'branch output that does not exist',
        nodes: [base, { ...mark('a'), id: 'm1' }, { ...mark('b'), id: 'm2' }],
        edges: [
          ['trigger', 'm1'],
          ['m1', 'm2', 'yes'],
        ],
        nodeId: 'm1',
        message: /has no output "yes"/,
      },
    ];
    const before = await app.db.query(`SELECT count(*)::int AS n FROM journey_versions`);
    for (const c of cases) {
      const created = await api
        .post('/api/journeys', {
          name: c.name,
          graph: {
            nodes: c.nodes.map((n, i) => ({ ...n, position: { x: 0, y: i * 100 } })),
            edges: c.edges.map(([source, target, handle], i) => ({
              id: `e${i}`,
              source,
              target,
              ...(handle ? { sourceHandle: handle } : {}),
            })),
          },
        })
        .expect(201);
      const res = await api.post(`/api/journeys/${created.body.id}/publish`);
      expect(res.status, c.name).toBe(400);
      const issue = res.body.issues.find((i: { nodeId?: string }) => i.nodeId === c.nodeId);
      expect(issue, `${c.name}: ${JSON.stringify(res.body.issues)}`).toBeDefined();
      expect(issue.message, c.name).toMatch(c.message);
    }
    const dangling = await api.post('/api/journeys', {
      name: 'dangling',
      graph: {
        nodes: [{ ...base, position: { x: 0, y: 0 } }],
        edges: [{ id: 'e0', source: 'trigger', target: 'nowhere' }],
      },
    });
    const publish = await api.post(`/api/journeys/${dangling.body.id}/publish`);
    expect(publish.status).toBe(400);
    expect(publish.body.issues).toContainEqual(
      expect.objectContaining({
        field: 'graph.edges[0]',
        edgeId: 'e0',
        nodeId: 'trigger',
        message: 'edge ends at unknown node "nowhere"',
      }),
    );
    const after = await app.db.query(`SELECT count(*)::int AS n FROM journey_versions`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('refuses an SMS node until the workspace has an SMS provider, then publishes it', async () => {
    const segment = await api.segment('Texted', { attribute: 'texted', op: 'eq', value: true });
    const created = await api
      .post('/api/journeys', {
        name: 'Shipping texts',
        graph: {
          nodes: [
            {
              ...trigger({ kind: 'segment_entered', segmentId: segment }),
              position: { x: 0, y: 0 },
            },
            {
              id: 'text',
              type: 'send_sms',
              config: { body: 'Shipped' },
              position: { x: 0, y: 100 },
            },
          ],
          edges: [{ id: 'e0', source: 'trigger', target: 'text' }],
        },
      })
      .expect(201);
    const id: string = created.body.id;
    const noProvider = {
      field: 'graph.nodes[1].type',
      nodeId: 'text',
      fixIn: 'workspace-settings',
      message:
        'Send SMS sends text messages and this workspace has no SMS provider: set one in Settings → Sending & security',
    };
    expect(created.body.issues).toEqual([noProvider]);
    const refused = await api.post(`/api/journeys/${id}/publish`).expect(400);
    expect(refused.body.issues).toEqual([noProvider]);

    await api
      .put('/api/workspace/settings', {
        smsProvider: { url: 'https://sms.example.com/send', from: 'Shop' },
      })
      .expect(200);
    expect((await api.get(`/api/journeys/${id}`).expect(200)).body.issues).toEqual([]);
    const published = await api.post(`/api/journeys/${id}/publish`);
    expect(published.status).toBeLessThan(300);
    expect((await api.get(`/api/journeys/${id}`).expect(200)).body.status).toBe('live');
    // The list says which channels the live version sends on (the settings page names it).
    const listed = (await api.get('/api/journeys').expect(200)).body.find(
      (j: { id: string }) => j.id === id,
    );
    expect(listed.liveSends).toEqual(['sms']);

    // Removing the provider later pauses the journey (its texts would fail), with the
    // reason, and shows the problem on the draft again.
    await api.put('/api/workspace/settings', { smsProvider: null }).expect(200);
    const paused = (await api.get(`/api/journeys/${id}`).expect(200)).body;
    expect(paused.issues).toEqual([noProvider]);
    expect(paused.status).toBe('paused');
    expect(paused.statusReason).toBe(
      "the workspace's SMS provider was removed (set one in Settings → Sending & security, then resume)",
    );
    // It cannot be resumed until there is a provider again; then it can.
    const refused409 = await api.post(`/api/journeys/${id}/resume`);
    expect(refused409.status).toBe(409);
    expect(refused409.body.message).toBe(
      `the published version cannot run: ${noProvider.message}; then resume`,
    );
    expect(refused409.body.issues).toEqual([{ ...noProvider, field: 'graph.nodes[1].type' }]);
    await api
      .put('/api/workspace/settings', {
        smsProvider: { url: 'https://sms.example.com/send', from: 'Shop' },
      })
      .expect(200);
    const resumed = await api.post(`/api/journeys/${id}/resume`);
    expect(resumed.status).toBe(201);
    expect(resumed.body.status).toBe('live');
    expect(resumed.body.statusReason).toBeNull();
  });

  it('pauses only the journeys that send texts when the SMS provider is removed', async () => {
    await api
      .put('/api/workspace/settings', {
        smsProvider: { url: 'https://sms.example.com/send', from: 'Shop' },
      })
      .expect(200);
    const segment = await api.segment('Marked', { attribute: 'marked', op: 'eq', value: true });
    const other = await api.publish(
      'No texts',
      [trigger({ kind: 'segment_entered', segmentId: segment }), mark('y')],
      [['trigger', 'mark']],
    );
    const texting = await api.publish(
      'Texts too',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        { id: 'text', type: 'send_sms', config: { body: 'Hi' } },
      ],
      [['trigger', 'text']],
    );
    await api.put('/api/workspace/settings', { smsProvider: null }).expect(200);
    expect((await api.get(`/api/journeys/${other}`).expect(200)).body.status).toBe('live');
    expect((await api.get(`/api/journeys/${texting}`).expect(200)).body.status).toBe('paused');
    // Paused, a run holds: a customer entering now is not texted, nor enrolled.
    await enter('texted-while-paused', 'marked');
    await api.settled(other, 1);
    expect(await api.enrollments(other)).toEqual({ completed: 1 });
    expect(await api.enrollments(texting)).toEqual({});
  });
});
