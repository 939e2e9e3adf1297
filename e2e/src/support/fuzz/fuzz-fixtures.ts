import { templateKeys } from '@switchyard/contracts';
import request from 'supertest';
import { JourneyApi, trigger } from '../journey-api.js';
import type { RunningSwitchyard } from '../switchyard.harness.js';

/**
 * Real things to point fuzzed requests at, so that a path id or a body's segmentId is
 * often one that exists and the request gets past "not found" into the code behind it.
 * `pools` is keyed like path parameters: the collection for `{id}` (`segments`,
 * `journeys`, ...) and the parameter name otherwise (`versionId`, `backfillId`, ...).
 */
export interface FuzzFixtures {
  pools: Record<string, string[]>;
  /** Every id above, for "an id of the wrong kind". */
  allIds: string[];
  /** Ids for a uuid body field, chosen by the field's name. */
  idsForField(field: string | undefined): readonly string[];
}

export const FIXTURE_SECRET = 'FUZZ_TOKEN';

/** A fixture call must succeed (any 2xx: the exact status is other tests' business). */
const accepted = (res: { status: number; body: unknown }) => {
  if (res.status >= 300)
    throw new Error(`fixture refused (${res.status}): ${JSON.stringify(res.body)}`);
};

export async function createFixtures(app: RunningSwitchyard): Promise<FuzzFixtures> {
  const a = new JourneyApi(app);
  await a.identify([
    {
      userId: 'fz-1',
      traits: { plan: 'pro', email: 'fz1@example.com', phone: '+82 10 1234 5678' },
    },
    { userId: 'fz-2', traits: { plan: 'free', email: 'fz2@example.com', firstName: 'Min' } },
  ]);
  const products = (ids: string[]) =>
    ids.map((id) => ({ product_id: id, name: `Product ${id}`, price: 10, quantity: 1 }));
  for (const [user, basket] of [
    ['fz-1', ['A', 'B']],
    ['fz-2', ['A', 'B']],
    ['fz-2', ['A', 'C']],
  ] as const)
    await a.track(user, 'Order Completed', { total: 20, products: products([...basket]) });
  await a.post('/api/recommendations/refresh').expect(accepted);

  const pro = await a.segment('Pro', { attribute: 'plan', op: 'eq', value: 'pro' });
  const buyers = await a.segment('Buyers', {
    event: 'Order Completed',
    aggregate: { fn: 'count' },
    op: 'gte',
    value: 1,
  });
  const group = await a
    .post('/api/segment-groups', {
      name: 'Plans',
      members: [
        { segmentId: pro, growthIsGood: true },
        { segmentId: buyers, growthIsGood: true },
      ],
      fallback: { label: 'Other', growthIsGood: false },
    })
    .expect(accepted);
  const groupId = group.body.id as string;
  await a
    .post(`/api/segment-groups/${groupId}/evaluations`, { asOf: '2024-01-01' })
    .expect(accepted);
  await a.post(`/api/segment-groups/${groupId}/evaluations`, {}).expect(accepted);
  const backfill = await a
    .post(`/api/segment-groups/${groupId}/backfill`, {
      from: '2024-01-01',
      to: '2024-01-03',
      every: 'day',
    })
    .expect(accepted);

  const live = await a.publish(
    'Welcome',
    [
      trigger({ kind: 'segment_entered', segmentId: pro }),
      { id: 'tag', type: 'update_attribute', config: { trait: 'welcomed', value: 'yes' } },
    ],
    [['trigger', 'tag']],
  );
  const versions = await a.get(`/api/journeys/${live}/versions`).expect(accepted);
  const draft = await a.post('/api/journeys', { name: 'Draft' }).expect(accepted);
  await a.evaluate();

  const audience = await a
    .post('/api/audiences', { name: 'Pros', externalIds: ['fz-1', 'fz-2'] })
    .expect(accepted);
  const campaign = await a
    .post('/api/campaigns', { name: 'Hello', audienceId: audience.body.id })
    .expect(accepted);
  const imported = await request(app.url)
    .post('/api/imports')
    .set('Authorization', `Bearer ${app.apiKey}`)
    .set('Content-Type', 'application/x-ndjson')
    .send(`${JSON.stringify({ type: 'identify', userId: 'fz-3', traits: { plan: 'free' } })}\n`)
    .expect(accepted);
  await a.put(`/api/workspace/secrets/${FIXTURE_SECRET}`, { value: 'secret' }).expect(accepted);
  const people = await optionalPools(a);
  const customers = await app.db.query<{ id: string }>(
    `SELECT id::text AS id FROM customers ORDER BY external_id`,
  );

  const pools: Record<string, string[]> = {
    segments: [pro, buyers],
    'segment-groups': [groupId],
    backfillId: [backfill.body.id as string],
    journeys: [live, draft.body.id as string],
    versionId: [versions.body[0].id as string],
    audiences: [audience.body.id as string],
    campaigns: [campaign.body.id as string],
    imports: [imported.body.id as string],
    customers: customers.rows.map((r) => r.id),
    externalId: ['fz-1', 'fz-2', 'fz-3'],
    key: [...templateKeys],
    name: ['Order Completed', FIXTURE_SECRET],
    ...people,
  };
  const allIds = [
    ...new Set(
      Object.values(pools)
        .flat()
        .filter((v) => /^[0-9a-f-]{36}$/.test(v)),
    ),
  ];
  const byField: [RegExp, string][] = [
    [/segment/i, 'segments'],
    [/group/i, 'segment-groups'],
    [/audience/i, 'audiences'],
    [/journey/i, 'journeys'],
    [/version/i, 'versionId'],
    [/campaign/i, 'campaigns'],
  ];
  return {
    pools,
    allIds,
    idsForField: (field) => {
      const match = field ? byField.find(([pattern]) => pattern.test(field)) : undefined;
      return match ? (pools[match[1]] ?? allIds) : allIds;
    },
  };
}

/**
 * Ids for routes that may not exist in every build (people and API keys): created when
 * the route answers, left out otherwise. The key made here is not the one the fuzzer
 * uses, so revoking it leaves the run authenticated.
 */
async function optionalPools(a: JourneyApi): Promise<Record<string, string[]>> {
  const pools: Record<string, string[]> = {};
  const key = await a.post('/api/api-keys', { name: 'fuzz', scope: 'ingest' });
  if (key.status < 300 && typeof key.body?.id === 'string') pools['api-keys'] = [key.body.id];
  const invite = await a.post('/api/invites', { email: 'fuzz@example.com', role: 'viewer' });
  if (invite.status < 300 && typeof invite.body?.member?.id === 'string')
    pools['members'] = [invite.body.member.id];
  return pools;
}
