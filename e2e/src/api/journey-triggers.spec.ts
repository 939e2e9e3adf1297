import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi, trigger, type GraphNode } from '../support/journey-api.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

const touch: GraphNode = {
  id: 'touch',
  type: 'update_attribute',
  config: { trait: 'touched', value: '{{trigger.kind}}' },
};

/** Triggers beyond segment entry: group moves, audience broadcasts and schedules. */
describe('journey triggers', () => {
  let app: RunningSwitchyard;
  let api: JourneyApi;

  beforeAll(async () => {
    app = await startSwitchyard();
    api = new JourneyApi(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const enrolled = async (journeyId: string): Promise<string[]> => {
    const { rows } = await app.db.query<{ external_id: string }>(
      `SELECT c.external_id FROM enrollments e JOIN customers c ON c.id = e.customer_id
        WHERE e.journey_id = $1 ORDER BY 1`,
      [journeyId],
    );
    return rows.map((r) => r.external_id);
  };

  it('starts on a move from any of some groups to any of others', async () => {
    const active = await api.segment('Active stage', {
      attribute: 'stage',
      op: 'eq',
      value: 'active',
    });
    const lapsed = await api.segment('Lapsed stage', {
      attribute: 'stage',
      op: 'eq',
      value: 'lapsed',
    });
    const group = await api
      .post('/api/segment-groups', {
        name: 'Stages',
        members: [
          { segmentId: active, growthIsGood: true },
          { segmentId: lapsed, growthIsGood: false },
        ],
        fallback: { label: 'Unknown', growthIsGood: false },
      })
      .expect(201);
    await api.identify(
      ['m1', 'm2', 'm3', 'm4'].map((userId) => ({ userId, traits: { stage: 'active' } })),
    );
    await api.post(`/api/segment-groups/${group.body.id}/evaluations`, {}).expect(200);

    const churn = await api.publish(
      'Active to lapsed or unknown',
      [
        trigger({
          kind: 'group_moved',
          groupId: group.body.id,
          from: [active],
          to: [lapsed, 'fallback'],
        }),
        touch,
      ],
      [['trigger', 'touch']],
    );
    const welcome = await api.publish(
      'Anywhere to active',
      [trigger({ kind: 'group_moved', groupId: group.body.id, from: [], to: [active] }), touch],
      [['trigger', 'touch']],
    );
    await api.identify([
      { userId: 'm1', traits: { stage: 'lapsed' } },
      { userId: 'm2', traits: { stage: 'gone' } },
      { userId: 'm5', traits: { stage: 'active' } },
    ]);
    await api.post(`/api/segment-groups/${group.body.id}/evaluations`, {}).expect(200);

    expect(await api.settled(churn, 2)).toEqual({ completed: 2 });
    expect(await enrolled(churn)).toEqual(['m1', 'm2']);
    expect(await api.settled(welcome, 1)).toEqual({ completed: 1 });
    expect(await enrolled(welcome)).toEqual(['m5']);
    const { rows } = await app.db.query<{ trigger_data: { from: string; to: string } }>(
      `SELECT e.trigger_data FROM enrollments e JOIN customers c ON c.id = e.customer_id
        WHERE e.journey_id = $1 AND c.external_id = 'm2'`,
      [churn],
    );
    expect(rows[0]?.trigger_data).toMatchObject({ from: active, to: 'fallback' });
  });

  it('broadcasts to an audience once per customer, new members on a new version', async () => {
    await api.identify(['b1', 'b2', 'b3', 'b4'].map((userId) => ({ userId, traits: {} })));
    const audience = await api
      .post('/api/audiences', { name: 'Launch list', externalIds: ['b1', 'b2', 'b3'] })
      .expect(201);
    expect(audience.body.size).toBe(3);
    const journey = await api.publish(
      'Launch broadcast',
      [trigger({ kind: 'audience_broadcast', audienceId: audience.body.id }), touch],
      [['trigger', 'touch']],
    );
    expect(await api.settled(journey, 3)).toEqual({ completed: 3 });
    await app.db.query(
      `INSERT INTO audience_members (audience_id, customer_id)
       SELECT $1, id FROM customers WHERE external_id = 'b4'`,
      [audience.body.id],
    );
    await api.post(`/api/journeys/${journey}/publish`).expect(201);
    expect(await api.settled(journey, 4)).toEqual({ completed: 4 });
    expect(await enrolled(journey)).toEqual(['b1', 'b2', 'b3', 'b4']);
  });

  it('keeps a cron scheduler per scheduled journey and enrolls the segment at each occurrence', async () => {
    const segment = await api.segment('Weekly digest', {
      attribute: 'digest',
      op: 'eq',
      value: true,
    });
    await api.identify(['s1', 's2'].map((userId) => ({ userId, traits: { digest: true } })));
    await api.evaluate();
    const journey = await api.publish(
      'Monday digest',
      [
        trigger({
          kind: 'schedule',
          segmentId: segment,
          schedule: { frequency: 'weekly', time: '09:30', dayOfWeek: 1 },
        }),
        touch,
      ],
      [['trigger', 'touch']],
    );
    const connection = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const queue = new Queue('journey-triggers', { connection, prefix: app.redisPrefix });
    try {
      const scheduler = await queue.getJobScheduler(`journey-schedule-${journey}`);
      expect(scheduler).toMatchObject({ pattern: '30 9 * * 1', tz: 'UTC' });
      // Fire one occurrence now, as the scheduler will on Monday.
      const fire = async (jobId: string) => {
        await queue.remove(jobId);
        await queue.add('schedule-occurrence', { journeyId: journey }, { jobId });
        await waitFor(
          async () => ((await queue.getJobState(jobId)) === 'completed' ? true : undefined),
          10_000,
          `occurrence ${jobId}`,
        );
      };
      await fire('occurrence-1');
      expect(await api.settled(journey, 2)).toEqual({ completed: 2 });
      // The same occurrence again (a retry) enrolls nobody twice.
      await fire('occurrence-1');
      expect(await api.settled(journey, 2)).toEqual({ completed: 2 });
      // The next occurrence enrolls them again (re-entry "after exit": their runs finished).
      await fire('occurrence-2');
      expect(await api.settled(journey, 4)).toEqual({ completed: 4 });
      await api.post(`/api/journeys/${journey}/pause`).expect(201);
      expect(await queue.getJobScheduler(`journey-schedule-${journey}`)).toBeFalsy();
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it("drops a scheduled journey's scheduler when its segment is deleted (it is paused)", async () => {
    const segment = await api.segment('Doomed digest', {
      attribute: 'doomed',
      op: 'eq',
      value: true,
    });
    const journey = await api.publish(
      'Doomed digest',
      [
        trigger({
          kind: 'schedule',
          segmentId: segment,
          schedule: { frequency: 'daily', time: '08:00' },
        }),
        touch,
      ],
      [['trigger', 'touch']],
    );
    const connection = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const queue = new Queue('journey-triggers', { connection, prefix: app.redisPrefix });
    try {
      expect(await queue.getJobScheduler(`journey-schedule-${journey}`)).toBeTruthy();
      expect((await api.delete(`/api/segments/${segment}`)).status).toBeLessThan(300);
      expect((await api.get(`/api/journeys/${journey}`).expect(200)).body.status).toBe('paused');
      expect(await queue.getJobScheduler(`journey-schedule-${journey}`)).toBeFalsy();
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});
