import type { CampaignView, GroupMovementView } from '@switchyard/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi } from '../support/journey-api.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

/**
 * From a movement cell of the demo's lifecycle group to a sent campaign: the audience and
 * the campaign are created from the cell, the content edited and previewed for a real
 * member, and the launch (10% holdout) runs through the journey engine. The SMTP server
 * gets exactly one message per treated member, none for held-out ones, each with that
 * member's data.
 */
describe('campaigns from a movement', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let api: JourneyApi;
  let campaign: CampaignView;
  let cell: { from: number; to: number; count: number };
  const SUBJECT = 'Campaign test for ';

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startSwitchyard({
      env: { SEED_DEMO: 'true', SMTP_URL: smtp.url },
      readyTimeoutMs: 120_000,
    });
    api = new JourneyApi(app);
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('creates the audience and a generated draft from the biggest move', async () => {
    const [group] = (await api.get('/api/segment-groups').expect(200)).body;
    const snapshots = (await api.get(`/api/segment-groups/${group.id}/snapshots`).expect(200)).body;
    const from = snapshots[0].asOf.slice(0, 10);
    const to = snapshots[snapshots.length - 1].asOf.slice(0, 10);
    const movement: GroupMovementView = (
      await api.get(`/api/segment-groups/${group.id}/movement?from=${from}&to=${to}`).expect(200)
    ).body;
    const moved = movement.matrix
      .filter((c) => c.from !== null && c.to !== null && c.from !== c.to)
      .sort((a, b) => b.count - a.count)[0];
    expect(moved && moved.count).toBeGreaterThanOrEqual(20);
    cell = { from: moved?.from ?? 0, to: moved?.to ?? 0, count: moved?.count ?? 0 };
    const res = await api.post('/api/campaigns', {
      name: 'Movers',
      movement: { groupId: group.id, from, to, fromBuckets: [cell.from], toBuckets: [cell.to] },
      tone: 'premium',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    campaign = res.body;
    expect(campaign).toMatchObject({ status: 'draft', tone: 'premium', audienceSize: cell.count });
    expect(campaign.html).toContain('{{context.crossSell.offerCode}}');
  });

  it('refuses content that does not compile, naming the field, line and column', async () => {
    const bad = await api.patch(`/api/campaigns/${campaign.id}`, { html: '<p>{{#if x}}</p>' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].field).toBe('html');
    expect(bad.body.issues[0].message).toMatch(/line 1, column \d+/);
  });

  it('previews the edited content for a real member', async () => {
    const edited = await api
      .patch(`/api/campaigns/${campaign.id}`, {
        subject: `${SUBJECT}{{customer.traits.first_name}} ({{customer.externalId}})`,
        holdoutPercent: 10,
      })
      .expect(200);
    expect(edited.body.holdoutPercent).toBe(10);
    const preview = (await api.get(`/api/campaigns/${campaign.id}/preview`).expect(200)).body;
    const { rows } = await app.db.query(
      `SELECT traits->>'first_name' AS first_name FROM customers WHERE external_id = $1`,
      [preview.customer.externalId],
    );
    expect(preview.subject).toBe(
      `${SUBJECT}${rows[0].first_name} (${preview.customer.externalId})`,
    );
    expect(preview.html).toContain(`Hi ${rows[0].first_name}`);
    expect(preview.html).toContain('PREVIEW');
    expect(preview.context.orders).toHaveProperty('orders');
    const stranger = await api.get(`/api/campaigns/${campaign.id}/preview?customer=nobody`);
    expect(stranger.status).toBe(404);
  });

  it('launches once through the journey engine: one e-mail per treated member, none held out', async () => {
    const launched = await api.post(`/api/campaigns/${campaign.id}/launch`).expect(200);
    expect(launched.body.status).toBe('launched');
    const journeyId = launched.body.journeyId as string;
    expect((await api.post(`/api/campaigns/${campaign.id}/launch`)).status).toBe(409);
    expect((await api.patch(`/api/campaigns/${campaign.id}`, { name: 'x' })).status).toBe(409);

    await api.settled(journeyId, cell.count, 60_000);
    const split = await api.outputsAt(journeyId, 'split');
    const treated = [...split].filter(([, o]) => o === 'send').map(([id]) => id);
    const heldOut = [...split].filter(([, o]) => o === 'holdout').map(([id]) => id);
    expect(treated.length + heldOut.length).toBe(cell.count);
    expect(heldOut.length).toBeGreaterThan(0);
    expect(heldOut.length).toBeLessThan(cell.count * 0.3);

    const mails = await waitFor(
      async () => {
        const ours = smtp.messages.filter((m) => m.subject.startsWith(SUBJECT));
        return ours.length >= treated.length ? ours : undefined;
      },
      60_000,
      `${treated.length} campaign e-mails`,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const ours = smtp.messages.filter((m) => m.subject.startsWith(SUBJECT));
    expect(ours).toHaveLength(treated.length);
    expect(mails.length).toBe(treated.length);
    const { rows } = await app.db.query<{ external_id: string; email: string; first_name: string }>(
      `SELECT external_id, traits->>'email' AS email, traits->>'first_name' AS first_name
         FROM customers WHERE external_id = ANY($1)`,
      [[...treated, ...heldOut]],
    );
    const byId = new Map(rows.map((r) => [r.external_id, r]));
    for (const id of treated) {
      const member = byId.get(id);
      const mail = ours.filter((m) => m.to.includes(member?.email ?? '?'));
      expect(mail, id).toHaveLength(1);
      expect(mail[0]?.subject).toBe(`${SUBJECT}${member?.first_name} (${id})`);
      expect(mail[0]?.html).toContain(`Hi ${member?.first_name}`);
      expect(mail[0]?.html).toMatch(/[A-Z]+-[0-9A-Z]{8}/);
    }
    for (const id of heldOut)
      expect(ours.some((m) => m.to.includes(byId.get(id)?.email ?? '?'))).toBe(false);

    const stats = (await api.get(`/api/campaigns/${campaign.id}/stats`).expect(200)).body;
    expect(stats).toMatchObject({
      status: 'launched',
      audienceSize: cell.count,
      enrolled: cell.count,
      sent: treated.length,
      heldOut: heldOut.length,
      sending: 0,
      unsubscribed: 0,
    });
    expect(stats.conversion.treated.customers).toBe(treated.length);
    // A reader who follows the campaign e-mail's unsubscribe link counts against the campaign.
    const link = /\/u\/([A-Za-z0-9_.-]+)/.exec(ours[0]?.headers['list-unsubscribe'] ?? '')?.[1];
    expect(link).toBeDefined();
    await request(app.url)
      .post(`/u/${link}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect((await api.get(`/api/campaigns/${campaign.id}/stats`).expect(200)).body).toMatchObject({
      unsubscribed: 1,
    });
    expect(stats.conversion.heldOut.customers).toBe(heldOut.length);

    // The held-out customers as an audience of their own (for a later test), source recorded.
    const held = await api
      .post('/api/audiences', {
        name: 'Held out of Movers',
        journeyNode: { journeyId, nodeId: 'split', output: 'holdout' },
      })
      .expect(201);
    expect(held.body.size).toBe(heldOut.length);
    expect(held.body.source).toEqual({
      kind: 'journey_node',
      journeyId,
      nodeId: 'split',
      output: 'holdout',
    });
  });
});
