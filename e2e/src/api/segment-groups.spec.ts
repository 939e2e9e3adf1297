import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdnowNdjson, readCdnow } from '../support/cdnow.fixture.js';
import { type RunningSwitchyard, startSwitchyard, waitFor } from '../support/switchyard.harness.js';

interface Issue {
  field: string;
  message: string;
}

/** Segment groups through the API: CRUD, refusals, templates, backfills and snapshots. */
describe('segment groups, templates and backfills', () => {
  const orders = readCdnow(3000);
  let app: RunningSwitchyard;
  const api = () => request(app.url);
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });
  const fields = (body: { issues?: Issue[] }) => (body.issues ?? []).map((i) => i.field);
  const groupCount = async () =>
    (await app.db.query('SELECT count(*)::int AS n FROM segment_groups')).rows[0].n as number;
  const customersBy = (date: string) =>
    new Set(orders.filter((o) => o.date <= date).map((o) => o.customer)).size;
  let recent: string;
  let buyers: string;

  beforeAll(async () => {
    app = await startSwitchyard();
    const imported = await api()
      .post('/api/imports')
      .set(auth())
      .set('Content-Type', 'application/x-ndjson')
      .send(cdnowNdjson(orders));
    expect(imported.status, JSON.stringify(imported.body).slice(0, 300)).toBe(201);
    const segment = async (name: string, rule: unknown) =>
      (await api().post('/api/segments').set(auth()).send({ name, rule })).body.id as string;
    recent = await segment('Ordered in 30 days', {
      event: 'Order Completed',
      measure: 'daysSinceLast',
      op: 'lte',
      value: 30,
    });
    buyers = await segment('Repeat buyers', {
      event: 'Order Completed',
      aggregate: { fn: 'count' },
      op: 'gte',
      value: 2,
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('CRUD', () => {
    let id: string;
    const body = () => ({
      name: 'Activity',
      description: 'Recent first',
      members: [
        { segmentId: recent, label: 'Recent', growthIsGood: true },
        { segmentId: buyers, color: '#123456', growthIsGood: true },
      ],
      fallback: { label: 'Quiet', growthIsGood: false },
    });

    it('creates, lists and reads a group with its buckets', async () => {
      const created = await api().post('/api/segment-groups').set(auth()).send(body());
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      id = created.body.id;
      expect(created.body).toMatchObject({
        name: 'Activity',
        description: 'Recent first',
        fallback: { label: 'Quiet', color: '#8b8d98', growthIsGood: false },
        members: [
          { index: 1, segmentId: recent, label: 'Recent', segmentName: 'Ordered in 30 days' },
          { index: 2, segmentId: buyers, color: '#123456', segmentName: 'Repeat buyers' },
        ],
      });
      expect(created.body.buckets).toEqual([
        { index: 0, segmentId: null, label: 'Quiet', color: '#8b8d98', growthIsGood: false },
        expect.objectContaining({ index: 1, label: 'Recent', segmentId: recent }),
        {
          index: 2,
          segmentId: buyers,
          label: 'Repeat buyers',
          color: '#123456',
          growthIsGood: true,
        },
      ]);
      const list = await api().get('/api/segment-groups').set(auth());
      expect(list.body.map((g: { id: string }) => g.id)).toContain(id);
      const one = await api().get(`/api/segment-groups/${id}`).set(auth());
      expect(one.body).toEqual(created.body);
    });

    it('keeps history on a rename; clears it when the members change', async () => {
      const evaluated = await api()
        .post(`/api/segment-groups/${id}/evaluations`)
        .set(auth())
        .send({ asOf: '1997-03-31' });
      expect(evaluated.status, JSON.stringify(evaluated.body)).toBe(200);
      expect(evaluated.body.total).toBe(customersBy('1997-03-31'));
      const renamed = await api()
        .patch(`/api/segment-groups/${id}`)
        .set(auth())
        .send({ name: 'Activity 2', fallback: { label: 'Idle', growthIsGood: false } });
      expect(renamed.status).toBe(200);
      expect(renamed.body.buckets[0].label).toBe('Idle');
      let snapshots = await api().get(`/api/segment-groups/${id}/snapshots`).set(auth());
      expect(snapshots.body).toHaveLength(1);
      expect(snapshots.body[0].counts[0].label).toBe('Idle');
      expect(snapshots.body[0].stale).toBe(false);

      const reordered = await api()
        .patch(`/api/segment-groups/${id}`)
        .set(auth())
        .send({ members: [...body().members].reverse() });
      expect(reordered.status).toBe(200);
      expect(reordered.body.members.map((m: { segmentId: string }) => m.segmentId)).toEqual([
        buyers,
        recent,
      ]);
      snapshots = await api().get(`/api/segment-groups/${id}/snapshots`).set(auth());
      expect(snapshots.body).toEqual([]);
    });

    it('deletes a group', async () => {
      expect((await api().delete(`/api/segment-groups/${id}`).set(auth())).status).toBe(204);
      expect((await api().get(`/api/segment-groups/${id}`).set(auth())).status).toBe(404);
      expect((await api().delete(`/api/segment-groups/${id}`).set(auth())).status).toBe(404);
    });
  });

  describe('bad input is refused, named, and writes nothing', () => {
    const post = (members: unknown, extra: Record<string, unknown> = {}) =>
      api()
        .post('/api/segment-groups')
        .set(auth())
        .send({ name: 'Bad', members, fallback: { label: 'Rest', growthIsGood: true }, ...extra });

    it('an unknown segment is named by its position', async () => {
      const before = await groupCount();
      const res = await post([
        { segmentId: recent, growthIsGood: true },
        { segmentId: randomUUID(), growthIsGood: true },
      ]);
      expect(res.status).toBe(400);
      expect(res.body.issues).toEqual([
        { field: 'members[1].segmentId', message: 'no such segment in this workspace' },
      ]);
      expect(await groupCount()).toBe(before);
    });

    it('duplicates, empty, too many, bad ids and unknown fields', async () => {
      const before = await groupCount();
      const dup = await post([
        { segmentId: recent, growthIsGood: true },
        { segmentId: buyers, growthIsGood: true },
        { segmentId: recent, growthIsGood: false },
      ]);
      expect(dup.status).toBe(400);
      expect(dup.body.issues).toEqual([
        { field: 'members[2].segmentId', message: 'duplicates members[0].segmentId' },
      ]);
      expect(fields((await post([])).body)).toEqual(['members']);
      const many = Array.from({ length: 51 }, () => ({
        segmentId: randomUUID(),
        growthIsGood: true,
      }));
      expect(fields((await post(many)).body)).toEqual(['members']);
      const bad = await post([{ segmentId: 'nope', growthIsGood: 'yes', colour: '#fff' }]);
      expect(fields(bad.body).sort()).toEqual([
        'members[0].colour',
        'members[0].growthIsGood',
        'members[0].segmentId',
      ]);
      const noFallback = await api()
        .post('/api/segment-groups')
        .set(auth())
        .send({ name: 'x', members: [{ segmentId: recent, growthIsGood: true }] });
      expect(fields(noFallback.body)).toEqual(['fallback']);
      expect(await groupCount()).toBe(before);
    });

    it('evaluations, matrices and backfills name their bad fields', async () => {
      const group = await post([{ segmentId: recent, growthIsGood: true }]);
      const id = group.body.id as string;
      const evaluations = `/api/segment-groups/${id}/evaluations`;
      expect(
        fields((await api().post(evaluations).set(auth()).send({ asOf: 'June' })).body),
      ).toEqual(['asOf']);
      const refresh = await api().post(`${evaluations}?refresh=yes`).set(auth()).send({});
      expect(fields(refresh.body)).toEqual(['query.refresh']);
      const missing = await api()
        .get(`/api/segment-groups/${id}/transitions`)
        .query({ from: '1997-01-31', to: '1997-02-28' })
        .set(auth());
      expect(missing.status).toBe(400);
      expect(fields(missing.body)).toEqual(['query.from']);
      const backfill = (body: Record<string, string>) =>
        api().post(`/api/segment-groups/${id}/backfill`).set(auth()).send(body);
      expect(
        fields((await backfill({ from: '1997-03-01', to: '1997-01-01', every: 'week' })).body),
      ).toEqual(['from']);
      expect(
        fields((await backfill({ from: '1997-01-01', to: '1997-03-01', every: 'year' })).body),
      ).toEqual(['every']);
      expect(
        fields((await backfill({ from: '1990-01-01', to: '1999-12-31', every: 'day' })).body),
      ).toEqual(['to']);
      const { rows } = await app.db.query('SELECT count(*)::int AS n FROM group_backfills');
      expect(rows[0].n).toBe(0);
      const unknownGroup = await api()
        .post(`/api/segment-groups/${randomUUID()}/evaluations`)
        .set(auth())
        .send({});
      expect(unknownGroup.status).toBe(404);
      await api().delete(`/api/segment-groups/${id}`).set(auth()).expect(204);
    });
  });

  describe('templates', () => {
    it('lists the five templates with what they need', async () => {
      const res = await api().get('/api/segment-templates').set(auth());
      expect(res.status).toBe(200);
      expect(res.body.map((t: { key: string }) => t.key)).toEqual([
        'lifecycle',
        'rfm',
        'frequency_recency',
        'salon_defaults',
        'bought_not_bought',
      ]);
      const gap = res.body.find((t: { key: string }) => t.key === 'bought_not_bought');
      expect(gap.parameters.map((p: { name: string }) => p.name)).toEqual(['bought', 'notBought']);
      // No association rules here: the products must be given.
      const noRules = await api()
        .post('/api/segment-templates/bought_not_bought/install')
        .set(auth())
        .send({});
      expect(noRules.status).toBe(400);
      expect(noRules.body.issues.map((i: { field: string }) => i.field)).toEqual([
        'parameters.bought',
        'parameters.notBought',
      ]);
      const salon = res.body.find((t: { key: string }) => t.key === 'salon_defaults');
      expect(salon.requires.traits.map((t: { name: string }) => t.name)).toEqual(
        expect.arrayContaining(['prepaid', 'pass_purchased', 'no_shows', 'birthday']),
      );
      const lifecycle = res.body.find((t: { key: string }) => t.key === 'lifecycle');
      expect(lifecycle.requires.events[0].name).toBe('Order Completed');
      expect(
        (await api().post('/api/segment-templates/nope/install').set(auth())).body.issues,
      ).toEqual([expect.objectContaining({ field: 'params.key' })]);
    });

    for (const [key, segments, members] of [
      ['lifecycle', 6, 6],
      ['rfm', 11, 11],
      ['frequency_recency', 12, 12],
      ['salon_defaults', 9, 2],
    ] as const) {
      it(`installs ${key} and its group evaluates`, async () => {
        const res = await api().post(`/api/segment-templates/${key}/install`).set(auth());
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(res.body.segments).toHaveLength(segments);
        expect(res.body.groups).toHaveLength(1);
        const group = res.body.groups[0];
        expect(group.members).toHaveLength(members);
        const evaluated = await api()
          .post(`/api/segment-groups/${group.id}/evaluations`)
          .set(auth())
          .send({ asOf: '1997-04-30' });
        expect(evaluated.status, JSON.stringify(evaluated.body)).toBe(200);
        expect(evaluated.body.total).toBe(customersBy('1997-04-30'));
        expect(evaluated.body.counts).toHaveLength(members + 1);
        if (key !== 'salon_defaults')
          // Every customer has ordered: nobody falls through to "No orders yet".
          expect(evaluated.body.counts[0]).toMatchObject({ index: 0, count: 0 });
        else
          // No salon traits in this data: everyone is a non-member.
          expect(evaluated.body.counts[2].count).toBe(evaluated.body.total);
      });
    }
  });

  describe('backfill', () => {
    it('computes weekly snapshots in a job, with progress, to completion', async () => {
      const group = await api()
        .post('/api/segment-groups')
        .set(auth())
        .send({
          name: 'Weekly',
          members: [
            { segmentId: recent, growthIsGood: true },
            { segmentId: buyers, growthIsGood: true },
          ],
          fallback: { label: 'Rest', growthIsGood: false },
        });
      const id = group.body.id as string;
      const started = await api()
        .post(`/api/segment-groups/${id}/backfill`)
        .set(auth())
        .send({ from: '1997-01-01', to: '1997-04-30', every: 'week' });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      expect(started.body).toMatchObject({
        groupId: id,
        status: 'queued',
        from: '1997-01-01',
        to: '1997-04-30',
        every: 'week',
        total: 18,
        done: 0,
      });
      const url = `/api/segment-groups/${id}/backfills/${started.body.id}`;
      const seen: number[] = [];
      const finished = await waitFor(
        async () => {
          const res = await api().get(url).set(auth());
          seen.push(res.body.done);
          return res.body.status === 'completed' || res.body.status === 'failed'
            ? res.body
            : undefined;
        },
        60_000,
        'backfill to finish',
      );
      expect(finished).toMatchObject({ status: 'completed', done: 18, total: 18, error: null });
      expect(finished.startedAt).toBeTruthy();
      expect(finished.finishedAt).toBeTruthy();
      expect(seen).toEqual([...seen].sort((a, b) => a - b));

      const snapshots = await api().get(`/api/segment-groups/${id}/snapshots`).set(auth());
      expect(snapshots.body).toHaveLength(18);
      expect(snapshots.body[0].asOf).toBe('1997-01-01T23:59:59.999Z');
      expect(snapshots.body[17].asOf).toBe('1997-04-30T23:59:59.999Z');
      for (const s of snapshots.body) expect(s.total).toBe(customersBy(s.asOf.slice(0, 10)));
      // Moves were recorded between every consecutive pair of weeks.
      const { rows } = await app.db.query(
        'SELECT count(DISTINCT to_as_of)::int AS n FROM group_transitions WHERE group_id = $1',
        [id],
      );
      expect(rows[0].n).toBe(17);

      // A matrix between two backfilled weeks adds up to the later week.
      const matrix = await api()
        .get(`/api/segment-groups/${id}/transitions`)
        .query({ from: '1997-01-29', to: '1997-04-30' })
        .set(auth());
      expect(matrix.status).toBe(200);
      expect(matrix.body.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(
        customersBy('1997-04-30'),
      );
      expect(matrix.body.some((c: { from: number | null }) => c.from === null)).toBe(true);
      const other = await api()
        .get(`/api/segment-groups/${randomUUID()}/backfills/${started.body.id}`)
        .set(auth());
      expect(other.status).toBe(404);
    });
  });
});
