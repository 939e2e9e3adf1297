import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi, trigger, type GraphNode } from '../support/journey-api.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

const email = (id: string, subject: string, extra: Record<string, unknown> = {}): GraphNode => ({
  id,
  type: 'send_email',
  config: { subject, html: `<p>${subject}</p>`, ...extra },
});
const waitHour: GraphNode = { id: 'wait', type: 'wait', config: { amount: 1, unit: 'hours' } };
const touch: GraphNode = {
  id: 'touch',
  type: 'update_attribute',
  config: { trait: 'touched', value: 'yes' },
};

/** Journey rules: re-entry, early exits, goals, frequency caps, quiet hours, rate limits. */
describe('journey rules', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let api: JourneyApi;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url } });
    api = new JourneyApi(app);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('applies each re-entry rule and exits a run when the customer leaves the segment', async () => {
    const segment = await api.segment('VIP (re-entry)', {
      attribute: 'vip',
      op: 'eq',
      value: true,
    });
    const entered = trigger({ kind: 'segment_entered', segmentId: segment });
    const never = await api.publish('never', [entered, touch], [['trigger', 'touch']], {
      reentry: { mode: 'never' },
    });
    const afterExitDone = await api.publish(
      'after exit, done',
      [entered, touch],
      [['trigger', 'touch']],
      {
        reentry: { mode: 'after_exit' },
      },
    );
    const afterExitWaiting = await api.publish(
      'after exit, waiting',
      [entered, waitHour],
      [['trigger', 'wait']],
      {
        reentry: { mode: 'after_exit' },
      },
    );
    const always = await api.publish('always', [entered, waitHour], [['trigger', 'wait']], {
      reentry: { mode: 'always', cooldownHours: 0 },
    });
    const cooldown = await api.publish(
      'always, 24 h cooldown',
      [entered, touch],
      [['trigger', 'touch']],
      {
        reentry: { mode: 'always', cooldownHours: 24 },
      },
    );
    const exitOnLeave = await api.publish(
      'exit on leave',
      [entered, waitHour],
      [['trigger', 'wait']],
      {
        exit: { onSegmentExit: true, onGoal: false },
      },
    );

    for (const vip of [true, false, true]) {
      await api.identify([{ userId: 'r1', traits: { vip } }]);
      await api.evaluate();
    }
    await waitFor(
      async () => ((await api.enrollments(afterExitDone))['completed'] === 2 ? true : undefined),
      10_000,
      'the second run of "after exit, done"',
    );
    expect(await api.enrollments(never)).toEqual({ completed: 1 });
    expect(await api.enrollments(afterExitWaiting)).toEqual({ active: 1 });
    expect(await api.enrollments(always)).toEqual({ active: 2 });
    expect(await api.enrollments(cooldown)).toEqual({ completed: 1 });
    expect(await api.enrollments(exitOnLeave)).toEqual({ exited: 1, active: 1 });
    const { rows } = await app.db.query<{ exit_reason: string }>(
      `SELECT exit_reason FROM enrollments WHERE journey_id = $1 AND status = 'exited'`,
      [exitOnLeave],
    );
    expect(rows[0]?.exit_reason).toBe('left the segment');
  });

  it('exits a run as soon as the goal event happens and counts the conversion', async () => {
    const journey = await api.publish(
      'Abandoned cart',
      [trigger({ kind: 'event', event: 'Cart Abandoned' }), waitHour],
      [['trigger', 'wait']],
      {
        goal: { event: 'Order Completed', withinDays: 7 },
        exit: { onSegmentExit: false, onGoal: true },
      },
    );
    await api.track('g1', 'Cart Abandoned');
    await api.track('g2', 'Cart Abandoned');
    await waitFor(
      async () => ((await api.enrollments(journey))['active'] === 2 ? true : undefined),
      10_000,
      'two waiting carts',
    );
    await api.track('g1', 'Order Completed', { total: 20 });
    await waitFor(
      async () => ((await api.enrollments(journey))['exited'] === 1 ? true : undefined),
      5_000,
      'g1 to exit on the goal',
    );
    const { rows } = await app.db.query<{
      external_id: string;
      status: string;
      exit_reason: string | null;
    }>(
      `SELECT c.external_id, e.status, e.exit_reason FROM enrollments e JOIN customers c ON c.id = e.customer_id
        WHERE e.journey_id = $1 ORDER BY 1`,
      [journey],
    );
    expect(rows).toEqual([
      { external_id: 'g1', status: 'exited', exit_reason: 'reached the goal' },
      { external_id: 'g2', status: 'active', exit_reason: null },
    ]);
    const stats = (await api.get(`/api/journeys/${journey}/stats`).expect(200)).body;
    expect(stats.enrollments.converted).toBe(1);
    expect(stats.goal).toMatchObject({ event: 'Order Completed', withinDays: 7 });
  });

  it('skips marketing e-mail over the frequency cap but sends transactional ones', async () => {
    await api
      .put('/api/workspace/settings', {
        frequencyCaps: [{ channel: 'email', max: 1, days: 7 }],
      })
      .expect(200);
    const segment = await api.segment('Capped', { attribute: 'capped', op: 'eq', value: true });
    const journey = await api.publish(
      'Three e-mails',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        email('first', 'First {{customer.externalId}}'),
        email('second', 'Second {{customer.externalId}}'),
        email('receipt', 'Receipt {{customer.externalId}}', { transactional: true }),
      ],
      [
        ['trigger', 'first'],
        ['first', 'second'],
        ['second', 'receipt'],
      ],
    );
    await api.identify([{ userId: 'cap1', traits: { capped: true, email: 'cap1@example.test' } }]);
    await api.evaluate();
    expect(await api.settled(journey, 1)).toEqual({ completed: 1 });
    await waitFor(
      async () =>
        smtp.messages.filter((m) => m.subject.endsWith('cap1')).length === 2 ? true : undefined,
      10_000,
      'two e-mails to cap1',
    );
    // Each step's message is sent after its next step is queued, so two sends of one
    // enrollment may arrive in either order: the set is what the cap decides.
    expect(
      smtp.messages
        .filter((m) => m.subject.endsWith('cap1'))
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['First cap1', 'Receipt cap1']);
    const { rows } = await app.db.query<{ node_id: string; status: string; note: string | null }>(
      `SELECT s.node_id, s.status, s.note FROM enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id
        WHERE e.journey_id = $1 ORDER BY s.seq`,
      [journey],
    );
    expect(rows.map((r) => [r.node_id, r.status])).toEqual([
      ['first', 'completed'],
      ['second', 'skipped'],
      ['receipt', 'completed'],
    ]);
    expect(rows[1]?.note).toBe('frequency cap: at most 1 email in 7 days');
    await api.put('/api/workspace/settings', { frequencyCaps: [] }).expect(200);
  });

  it('holds marketing messages in quiet hours and limits a node to N per minute', async () => {
    const hour = new Date().getUTCHours();
    const hhmm = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const segment = await api.segment('Night owls', { attribute: 'owl', op: 'eq', value: true });
    const quiet = await api.publish(
      'Quiet',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        email('promo', 'Promo {{customer.externalId}}'),
      ],
      [['trigger', 'promo']],
      { quietHours: { start: hhmm(hour - 1), end: hhmm(hour + 2) } },
    );
    const urgent = await api.publish(
      'Quiet but transactional',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        email('otp', 'Code {{customer.externalId}}', { transactional: true }),
      ],
      [['trigger', 'otp']],
      { quietHours: { start: hhmm(hour - 1), end: hhmm(hour + 2) } },
    );
    const limited = await api.publish(
      'Rate limited',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        email('slow', 'Slow {{customer.externalId}}', { ratePerMinute: 3 }),
      ],
      [['trigger', 'slow']],
    );
    const owls = Array.from({ length: 8 }, (_, i) => ({
      userId: `owl${i}`,
      traits: { owl: true, email: `owl${i}@example.test` },
    }));
    await api.identify(owls);
    await api.evaluate();
    expect(await api.settled(urgent, 8)).toEqual({ completed: 8 });
    await waitFor(
      async () => ((await api.enrollments(limited))['completed'] === 3 ? true : undefined),
      10_000,
      'three rate-limited sends',
    );
    await new Promise((r) => setTimeout(r, 1500));
    // The rest waits for the next minute (unless the minute turned meanwhile).
    const limitedCounts = await api.enrollments(limited);
    expect(limitedCounts['completed'] ?? 0).toBeLessThanOrEqual(6);
    expect((limitedCounts['completed'] ?? 0) + (limitedCounts['active'] ?? 0)).toBe(8);
    const held = await app.db.query<{ n: number; earliest: Date }>(
      `SELECT count(*)::int AS n, min(next_run_at) AS earliest FROM enrollments WHERE journey_id = $1 AND status = 'active'`,
      [quiet],
    );
    expect(held.rows[0]?.n).toBe(8);
    expect(held.rows[0]!.earliest.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
    const outbox = await app.db.query(
      `SELECT 1 FROM outbox o JOIN enrollments e ON e.id = o.enrollment_id WHERE e.journey_id = $1`,
      [quiet],
    );
    expect(outbox.rowCount).toBe(0);
  });
});
