import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

const DAY = 86_400_000;

/**
 * "Wait until time" at the customer's usual hour: a customer active in the evening (in
 * their own zone, Asia/Tokyo: UTC+9 all year) continues at 21:30 there; one with too
 * little activity at the step's time of day, 09:30. Only the last 90 days count.
 */
describe("wait until the customer's usual hour", () => {
  let app: RunningSwitchyard;
  let api: JourneyApi;
  let journeyId: string;

  /** The first instant after `now` at hh:mm UTC (Tokyo's wall clock minus 9 hours). */
  const nextUtc = (now: number, hour: number, minute: number) => {
    const today = new Date(now);
    let at = Date.UTC(
      today.getUTCFullYear(),
      today.getUTCMonth(),
      today.getUTCDate(),
      hour,
      minute,
    );
    while (at <= now) at += DAY;
    return at;
  };
  const event = (userId: string, timestamp: number) => ({
    type: 'track',
    userId,
    event: 'Product Viewed',
    timestamp: new Date(timestamp).toISOString(),
  });

  beforeAll(async () => {
    app = await startSwitchyard();
    api = new JourneyApi(app);
    await api.identify([
      { userId: 'owl', traits: { timezone: 'Asia/Tokyo' } },
      { userId: 'newbie', traits: { timezone: 'Asia/Tokyo' } },
    ]);
    const now = Date.now();
    const evening = (daysAgo: number) => nextUtc(now - (daysAgo + 1) * DAY, 12, 5); // 21:05 JST
    const night = (daysAgo: number) => nextUtc(now - (daysAgo + 1) * DAY, 18, 0); // 03:00 JST
    await api
      .post('/v1/batch', {
        batch: [
          // Three evenings in the last days ...
          ...[1, 2, 3].map((d) => event('owl', evening(d))),
          // ... outnumbered by nights more than 90 days ago, which do not count.
          ...[100, 101, 102, 103].map((d) => event('owl', night(d))),
          // One event and the Poke below are too few to tell.
          event('newbie', evening(1)),
        ],
      })
      .expect(200);
    journeyId = await api.publish(
      'Evening nudge',
      [
        trigger({ kind: 'event', event: 'Poke' }),
        { id: 'when', type: 'wait_until', config: { time: '09:30', usualHour: true } },
        { id: 'tag', type: 'update_attribute', config: { trait: 'nudged', value: 'yes' } },
      ],
      [
        ['trigger', 'when'],
        ['when', 'tag'],
      ],
    );
  });
  afterAll(async () => {
    await app?.stop();
  });

  const nextRunAt = (userId: string) =>
    waitFor(
      async () => {
        const { rows } = await app.db.query<{ next_run_at: Date; status: string }>(
          `SELECT e.next_run_at, s.status FROM enrollments e
             JOIN customers c ON c.id = e.customer_id
             JOIN enrollment_steps s ON s.enrollment_id = e.id AND s.node_id = 'when'
            WHERE e.journey_id = $1 AND c.external_id = $2`,
          [journeyId, userId],
        );
        return rows[0]?.status === 'waiting' ? rows[0].next_run_at.getTime() : undefined;
      },
      20_000,
      `${userId}'s wait`,
    );

  it('waits until 21:30 in Tokyo for the evening customer, 09:30 for the one without a habit', async () => {
    const before = Date.now();
    await api.track('owl', 'Poke');
    await api.track('newbie', 'Poke');
    expect(await nextRunAt('owl')).toBe(nextUtc(before, 12, 30));
    expect(await nextRunAt('newbie')).toBe(nextUtc(before, 0, 30));
  });

  it('previews the same wait for a customer', async () => {
    const before = Date.now();
    const preview = await api
      .post(`/api/journeys/${journeyId}/preview-step`, {
        node: {
          id: 'when',
          type: 'wait_until',
          position: { x: 0, y: 0 },
          config: { time: '09:30', usualHour: true },
        },
        customer: 'owl',
      })
      .expect(200);
    expect(preview.body.outcome).toMatchObject({
      kind: 'wait',
      until: new Date(nextUtc(before, 12, 30)).toISOString(),
    });
  });
});
