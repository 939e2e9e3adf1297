import type { CustomerProfile } from '@switchyard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi } from '../support/journey-api.js';
import { startSwitchyard, type RunningSwitchyard } from '../support/switchyard.harness.js';

/**
 * GET /api/customers/:id reads the whole profile at one moment: a customer who moves in
 * and out of a segment while the page refreshes is shown either in it, with "entered" as
 * the segment's latest history entry, or out of it, with "exited".
 */
describe('customer profile', () => {
  let app: RunningSwitchyard;
  let api: JourneyApi;

  beforeAll(async () => {
    app = await startSwitchyard();
    api = new JourneyApi(app);
    await api.identify([{ userId: 'p-1', traits: { email: 'p-1@example.com' } }]);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const profile = async (): Promise<CustomerProfile> =>
    (await api.get('/api/customers/p-1').expect(200)).body as CustomerProfile;

  it('shows segments and their history from one snapshot, while the customer moves', async () => {
    const segmentId = await api.segment('Flipping', { attribute: 'never', op: 'eq', value: 1 });
    const [customer] = (
      await app.db.query<{ id: string }>(`SELECT id::text FROM customers WHERE external_id = $1`, [
        'p-1',
      ])
    ).rows;
    if (!customer) throw new Error('no customer p-1');
    // As an evaluation records a move: the membership and its transition in one transaction.
    const move = async (into: boolean) => {
      const client = await app.db.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          into
            ? `INSERT INTO segment_memberships (segment_id, customer_id, since) VALUES ($1, $2, now())`
            : `DELETE FROM segment_memberships WHERE segment_id = $1 AND customer_id = $2`,
          [segmentId, customer.id],
        );
        await client.query(
          `INSERT INTO segment_transitions (workspace_id, segment_id, customer_id, kind, as_of)
           SELECT workspace_id, $1, id, $3, clock_timestamp() FROM customers WHERE id = $2`,
          [segmentId, customer.id, into ? 'entered' : 'exited'],
        );
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    let reading = true;
    let moves = 0;
    const moving = (async () => {
      while (reading) await move(moves++ % 2 === 0);
    })();
    const disagreements: string[] = [];
    try {
      for (let i = 0; i < 150; i += 1) {
        const seen = await profile();
        const member = seen.segments.some((s) => s.id === segmentId);
        const latest = seen.segmentHistory.find((t) => t.segmentId === segmentId)?.kind ?? 'none';
        if (member !== (latest === 'entered'))
          disagreements.push(`${member ? 'member' : 'not a member'}, latest ${latest}`);
      }
    } finally {
      reading = false;
      await moving;
    }
    expect(moves).toBeGreaterThan(150);
    expect(disagreements).toEqual([]);
  });
});
