import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi, trigger, type GraphNode } from '../support/journey-api.js';
import { startSwitchyard, type RunningSwitchyard } from '../support/switchyard.harness.js';

const CUSTOMERS = 1500;
const wait = (id: string): GraphNode => ({
  id,
  type: 'wait',
  config: { amount: 0, unit: 'seconds' },
});

/**
 * A large enrollment runs depth-first: a customer's next step, due now, goes ahead of the
 * customers still waiting for their first, so the first customers are through the
 * journey long before the last ones start it (breadth-first, nobody would finish until
 * everyone had taken a first step).
 */
describe('journey steps run depth-first', () => {
  let app: RunningSwitchyard;
  let api: JourneyApi;

  beforeAll(async () => {
    app = await startSwitchyard();
    api = new JourneyApi(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('finishes the first customers before the last ones take their first step', async () => {
    const segment = await api.segment('Everyone flagged', {
      attribute: 'flagged',
      op: 'eq',
      value: true,
    });
    const journey = await api.publish(
      'Three steps',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        wait('a'),
        wait('b'),
        { id: 'done', type: 'exit', config: {} },
      ],
      [
        ['trigger', 'a'],
        ['a', 'b'],
        ['b', 'done'],
      ],
    );
    await api.identify(
      Array.from({ length: CUSTOMERS }, (_, i) => ({
        userId: `df-${i}`,
        traits: { flagged: true },
      })),
    );
    await api.evaluate();
    expect(await api.settled(journey, CUSTOMERS, 120_000)).toEqual({ exited: CUSTOMERS });

    const { rows } = await app.db.query<{ finished_before_last_start: number }>(
      `WITH runs AS (
         SELECT e.id, e.finished_at, min(s.entered_at) AS first_step
           FROM enrollments e JOIN enrollment_steps s ON s.enrollment_id = e.id
          WHERE e.journey_id = $1
          GROUP BY e.id, e.finished_at)
       SELECT count(*) FILTER (WHERE finished_at < (SELECT max(first_step) FROM runs))::int
                AS finished_before_last_start
         FROM runs`,
      [journey],
    );
    // Breadth-first this is 0: every run would still be at its first step or in the queue.
    expect(rows[0]?.finished_before_last_start).toBeGreaterThan(CUSTOMERS / 10);
  });
});
