import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

/**
 * Association rules on a small order set whose figures are worked out by hand below. Eight
 * orders (baskets), one per customer:
 *
 *   c1: A B C   c2: A B   c3: A C   c4: B C   c5: A B D   c6: D   c7: C E   c8: C E
 *
 * Baskets with A 4, B 4, C 5, D 2, E 2 of 8. Pairs bought together at least twice: AB 3,
 * AC 2, BC 2, CE 2 (AD, BD once: no rule). So, support = pair ÷ 8, confidence = pair ÷
 * baskets with X, lift = confidence ÷ (baskets with Y ÷ 8):
 *
 *   A→B, B→A  0.375  0.75  1.5      A→C  0.25  0.5  0.8     C→A  0.25  0.4  0.8
 *   B→C       0.25   0.5   0.8      C→B  0.25  0.4  0.8     C→E  0.25  0.4  1.6
 *   E→C       0.25   1     1.6
 */
const baskets: Record<string, string[]> = {
  c1: ['A', 'B', 'C'],
  c2: ['A', 'B'],
  c3: ['A', 'C'],
  c4: ['B', 'C'],
  c5: ['A', 'B', 'D'],
  c6: ['D'],
  c7: ['C', 'E'],
  c8: ['C', 'E'],
};
const expected: [string, string, number, number, number][] = [
  ['A', 'B', 0.375, 0.75, 1.5],
  ['B', 'A', 0.375, 0.75, 1.5],
  ['A', 'C', 0.25, 0.5, 0.8],
  ['C', 'A', 0.25, 0.4, 0.8],
  ['B', 'C', 0.25, 0.5, 0.8],
  ['C', 'B', 0.25, 0.4, 0.8],
  ['C', 'E', 0.25, 0.4, 1.6],
  ['E', 'C', 0.25, 1, 1.6],
];

describe('cross-sell: association rules and recommendations', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // Refreshed every second here: the first test waits for the schedule, not an API call.
    app = await startSwitchyard({
      env: { RECOMMENDATIONS_REFRESH_SECONDS: '1', SMTP_URL: smtp.url },
    });
    const batch = Object.entries(baskets).flatMap(([userId, products], i) => [
      {
        type: 'track',
        userId,
        event: 'Order Completed',
        messageId: `order-${userId}`,
        timestamp: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
        properties: {
          total: 10 * products.length,
          products: products.map((id) => ({ product_id: id, name: `Product ${id}`, price: 10 })),
        },
      },
    ]);
    // Orders that must not count: no products, a malformed list, items without ids.
    batch.push(
      {
        type: 'track',
        userId: 'c9',
        event: 'Order Completed',
        messageId: 'o9',
        properties: { total: 5 },
      } as never,
      {
        type: 'track',
        userId: 'c9',
        event: 'Order Completed',
        messageId: 'o10',
        properties: { products: 'A,B' },
      } as never,
      {
        type: 'track',
        userId: 'c9',
        event: 'Order Completed',
        messageId: 'o11',
        properties: { products: [{ name: 'no id' }, 7] },
      } as never,
    );
    const res = await request(app.url).post('/v1/batch').set(auth()).send({ batch });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('the scheduled refresh computes support, confidence and lift as worked out by hand', async () => {
    const list = await waitFor(async () => {
      const res = await request(app.url).get('/api/recommendations/rules').set(auth());
      return res.body.rules?.length === expected.length ? res.body : undefined;
    }, 20_000);
    expect(list.baskets).toBe(8);
    expect(list.computedAt).not.toBeNull();
    for (const [x, y, support, confidence, lift] of expected) {
      const rule = list.rules.find(
        (r: { antecedent: { productId: string }; consequent: { productId: string } }) =>
          r.antecedent.productId === x && r.consequent.productId === y,
      );
      expect(rule, `${x} → ${y}`).toBeDefined();
      expect(rule.support).toBeCloseTo(support, 10);
      expect(rule.confidence).toBeCloseTo(confidence, 10);
      expect(rule.lift).toBeCloseTo(lift, 10);
      expect(rule.antecedent.name).toBe(`Product ${x}`);
    }
    // Highest lift first.
    expect(list.rules[0].lift).toBeCloseTo(1.6, 10);
  });

  it('filters by product, confidence and lift', async () => {
    const res = await request(app.url)
      .get('/api/recommendations/rules')
      .query({ product: 'C', minConfidence: 0.4, minLift: 1 })
      .set(auth());
    expect(res.status).toBe(200);
    expect(
      res.body.rules.map((r: { consequent: { productId: string } }) => r.consequent.productId),
    ).toEqual(['E']);
    const bad = await request(app.url)
      .get('/api/recommendations/rules')
      .query({ minConfidence: 2 })
      .set(auth());
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('minConfidence');
  });

  it('recommends what a customer has not bought, strongest rule first', async () => {
    const refreshed = await request(app.url).post('/api/recommendations/refresh').set(auth());
    expect(refreshed.body).toMatchObject({ baskets: 8, products: 5, rules: 8 });
    // c3 bought A and C: B comes from A (0.75), E from C (0.4); A and C are excluded.
    const res = await request(app.url).get('/api/recommendations/customers/c3').set(auth());
    expect(res.status).toBe(200);
    expect(
      res.body.map((r: { productId: string; because: { productId: string } }) => [
        r.productId,
        r.because.productId,
      ]),
    ).toEqual([
      ['B', 'A'],
      ['E', 'C'],
    ]);
    expect(res.body[0].confidence).toBeCloseTo(0.75, 10);
    const c6 = await request(app.url).get('/api/recommendations/customers/c6').set(auth());
    expect(c6.body).toEqual([]);
    const missing = await request(app.url).get('/api/recommendations/customers/nobody').set(auth());
    expect(missing.status).toBe(404);
  });

  it('a cross-sell node puts the offer into the next e-mail, and skips those with nothing to offer', async () => {
    const api = new JourneyApi(app);
    await api.identify(
      Object.keys(baskets).map((userId) => ({
        userId,
        traits: { email: `${userId}@example.com`, first_name: userId.toUpperCase() },
      })),
    );
    const buyers = await api.segment('Buyers', {
      event: 'Order Completed',
      aggregate: { fn: 'count' },
      op: 'gte',
      value: 1,
    });
    const journeyId = await api.publish(
      'Cross-sell',
      [
        trigger({ kind: 'segment_entered', segmentId: buyers }),
        { id: 'offer', type: 'cross_sell', config: { count: 2, minConfidence: 0.3 } },
        {
          id: 'mail',
          type: 'send_email',
          config: {
            to: '{{customer.traits.email}}',
            subject: 'For you, {{customer.traits.first_name}}',
            html: '<p>{{#each context.crossSell.products}}[{{name}}]{{/each}} code {{context.crossSell.offerCode}} -{{context.crossSell.discountPercent}}%</p>',
            text: '{{#each context.crossSell.products}}[{{name}}]{{/each}} code {{context.crossSell.offerCode}}',
          },
        },
        { id: 'done', type: 'exit', config: {} },
      ],
      [
        ['trigger', 'offer'],
        ['offer', 'mail', 'found'],
        ['offer', 'done', 'none'],
      ],
    );
    await api.evaluate();
    // c9's orders had no usable products: it is enrolled and offered nothing.
    await api.settled(journeyId, 9);
    const outputs = await api.outputsAt(journeyId, 'offer');
    // c6 bought only D (no rule); c7, c8 bought C and E: A (0.4) and B (0.4) clear 0.3.
    expect(outputs.get('c6')).toBe('none');
    expect(outputs.get('c9')).toBe('none');
    expect(outputs.get('c3')).toBe('found');
    await waitFor(async () => (smtp.messages.length === 7 ? true : undefined), 20_000);
    const mail = smtp.messages.find((m) => m.to.includes('c3@example.com'));
    expect(mail?.subject).toBe('For you, C3');
    expect(mail?.text).toMatch(/^\[Product B\]\[Product E\] code XSELL-[0-9A-Z]{8}$/m);
    expect(smtp.messages.some((m) => m.to.includes('c6@example.com'))).toBe(false);
    // Each customer has their own code.
    const codes = smtp.messages.map((m) => /XSELL-[0-9A-Z]{8}/.exec(m.text)?.[0]);
    expect(new Set(codes).size).toBe(7);
  });

  it('the "bought X but not Y" template finds the gap, by default for the strongest rule', async () => {
    const api = new JourneyApi(app);
    const byDefault = await api.post('/api/segment-templates/bought_not_bought/install', {});
    expect(byDefault.status, JSON.stringify(byDefault.body)).toBe(201);
    // Highest lift first, then confidence: E → C (1.6, confidence 1).
    expect(byDefault.body.parameters).toEqual({ bought: 'E', notBought: 'C' });
    expect(byDefault.body.segments[0].name).toBe('Bought E, not C');
    const given = await api
      .post('/api/segment-templates/bought_not_bought/install', {
        parameters: { bought: 'A', notBought: 'C' },
      })
      .expect(201);
    const segmentId = given.body.segments[0].id as string;
    const preview = await api
      .post('/api/segments/preview', { rule: given.body.segments[0].rule })
      .expect(200);
    // A without C: c2 (A B) and c5 (A B D); c1 and c3 bought C too.
    expect(preview.body.count).toBe(2);
    await api.evaluate();
    const { rows } = await app.db.query<{ external_id: string }>(
      `SELECT c.external_id FROM segment_memberships m JOIN customers c ON c.id = m.customer_id
        WHERE m.segment_id = $1 ORDER BY 1`,
      [segmentId],
    );
    expect(rows.map((r) => r.external_id)).toEqual(['c2', 'c5']);
    const unknown = await api.post('/api/segment-templates/bought_not_bought/install', {
      parameters: { bought: 'A', colour: 'red' },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('parameters.colour');
  });
});
