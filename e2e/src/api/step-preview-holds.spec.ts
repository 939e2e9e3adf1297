import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { startSwitchyard, type RunningSwitchyard } from '../support/switchyard.harness.js';

const at = { x: 0, y: 0 };
const mail = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'send_email',
  position: at,
  config: { subject: `Mail ${id}`, html: '<p>x</p>', ...extra },
});
/** "HH:00", `hours` from the current UTC hour. */
const hourFromNow = (hours: number) =>
  `${String((new Date().getUTCHours() + hours + 24) % 24).padStart(2, '0')}:00`;

/**
 * Previews and walks say when the journey's quiet hours or the workspace's frequency caps
 * would hold a step's messages back, as things stand now: the caps count what earlier
 * steps of the same walk would send.
 */
describe('holds in step previews and walks', () => {
  let app: RunningSwitchyard;
  let api: JourneyApi;
  let journeyId: string;
  const graph = {
    nodes: [
      { ...trigger({ kind: 'segment_entered', segmentId: '' }), position: at },
      mail('first'),
      mail('second'),
      mail('receipt', { transactional: true }),
    ],
    edges: [
      { id: 'e1', source: 'trigger', target: 'first' },
      { id: 'e2', source: 'first', target: 'second' },
      { id: 'e3', source: 'second', target: 'receipt' },
    ],
  };
  const walk = async () =>
    (await api.post(`/api/journeys/${journeyId}/preview-run`, { customer: 'ada' }).expect(200))
      .body as { steps: { nodeId: string; held: unknown; messages: unknown[] }[] };
  const held = async () => (await walk()).steps.map((s) => [s.nodeId, s.held]);

  beforeAll(async () => {
    app = await startSwitchyard();
    api = new JourneyApi(app);
    await api.identify([
      {
        userId: 'ada',
        traits: { plan: 'holds', email: 'ada@example.com', timezone: 'UTC' },
      },
    ]);
    const segmentId = await api.segment('Holds', { attribute: 'plan', op: 'eq', value: 'holds' });
    graph.nodes[0] = { ...trigger({ kind: 'segment_entered', segmentId }), position: at };
    const created = await api
      .post('/api/journeys', {
        name: 'Held back',
        graph,
        settings: { quietHours: { start: hourFromNow(-1), end: hourFromNow(2) } },
      })
      .expect(201);
    journeyId = created.body.id as string;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows marketing messages held until quiet hours end, transactional ones not', async () => {
    const steps = await held();
    expect(steps.map(([id]) => id)).toEqual(['first', 'second', 'receipt']);
    const [, hold] = steps[0] ?? [];
    expect(hold).toEqual({ kind: 'quiet_hours', until: expect.any(String), timeZone: 'UTC' });
    const until = Date.parse((hold as { until: string }).until);
    expect(until).toBeGreaterThan(Date.now());
    expect(until).toBeLessThanOrEqual(Date.now() + 2 * 3600_000);
    expect(new Date(until).getUTCMinutes()).toBe(0);
    expect(steps[2]?.[1]).toBeNull();
    // The single step preview says the same.
    const one = await api
      .post(`/api/journeys/${journeyId}/preview-step`, { node: mail('first'), customer: 'ada' })
      .expect(200);
    expect(one.body.held).toEqual(hold);
    // Still shown: the message as it would go out once they end.
    expect(one.body.messages).toHaveLength(1);
  });

  it("shows a frequency cap holding back the walk's second e-mail, and nothing without caps", async () => {
    await api.patch(`/api/journeys/${journeyId}`, { settings: { quietHours: null } }).expect(200);
    expect(await held()).toEqual([
      ['first', null],
      ['second', null],
      ['receipt', null],
    ]);
    await api
      .put('/api/workspace/settings', { frequencyCaps: [{ channel: 'email', max: 1, days: 7 }] })
      .expect(200);
    expect(await held()).toEqual([
      ['first', null],
      ['second', { kind: 'frequency_cap', reason: 'frequency cap: at most 1 email in 7 days' }],
      ['receipt', null],
    ]);
    const { rows } = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    expect(rows[0]?.n).toBe(0);
  });
});
