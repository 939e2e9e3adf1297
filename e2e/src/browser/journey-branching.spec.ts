import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { CustomerJourneyEnrollment, CustomerProfile } from '@switchyard/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, overlapsOnCanvas, screenshotDir } from '../support/browser.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { type RunningSwitchyard, startSwitchyard, waitFor } from '../support/switchyard.harness.js';

const CUSTOMERS = 20;

interface StoredNode {
  id: string;
  type: string;
  position: { x: number; y: number };
  config: Record<string, unknown>;
}
interface StoredEdge {
  source: string;
  sourceHandle?: string | null;
  target: string;
}

/**
 * A marketer builds a branching journey in the editor: trigger → random split (two
 * branches and a 10% holdout) → an email on branch A, a wait then an email on branch B.
 * Arranged automatically, an undo and a redo, published; then customers enter the
 * segment and the canvas counts them per step and per branch.
 */
describe('browser: a branching journey with a random split and live counts', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let page: Page;
  let close: () => Promise<void>;
  let segmentId: string;
  let journeyId: string;
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });
  const shot = (name: string) =>
    page.screenshot({ path: join(screenshotDir, `journey-branching-${name}.png`) });
  const node = (id: string): Locator => page.getByTestId(`node-${id}`);
  const draft = async () => {
    const res = await request(app.url).get(`/api/journeys/${journeyId}`).set(auth());
    expect(res.status).toBe(200);
    return res.body.graph as { nodes: StoredNode[]; edges: StoredEdge[] };
  };
  const positions = async () =>
    Object.fromEntries((await draft()).nodes.map((n) => [n.id, n.position]));
  const save = async () => {
    await page.getByTestId('save-journey').click();
    await expect.poll(() => page.getByTestId('journey-dirty').count()).toBe(0);
  };
  /** A click on empty canvas, so that keyboard shortcuts reach the editor. */
  const focusCanvas = () =>
    page.locator('.react-flow__pane').click({ position: { x: 40, y: 300 } });

  beforeAll(async () => {
    smtp = await startSmtpSink({ headersOnly: true });
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url } });
    ({ page, close } = await launchChromium());
    const segment = await request(app.url)
      .post('/api/segments')
      .set(auth())
      .send({ name: 'Pro plan', rule: { attribute: 'plan', op: 'eq', value: 'pro' } });
    expect(segment.status).toBe(201);
    segmentId = segment.body.id;
    // Baseline evaluation: later changes are diffed against it.
    await request(app.url).post('/api/evaluations').set(auth()).send({}).expect(200);
    const journey = await request(app.url)
      .post('/api/journeys')
      .set(auth())
      .send({
        name: 'Pro onboarding test',
        graph: {
          nodes: [
            {
              id: 'trigger',
              type: 'trigger',
              position: { x: 0, y: 0 },
              config: { kind: 'segment_entered' },
            },
          ],
          edges: [],
        },
      });
    expect(journey.status).toBe(201);
    journeyId = journey.body.id;
  });

  afterAll(async () => {
    await close?.();
    await app?.stop();
    await smtp?.stop();
  });

  it('builds trigger → split → (email | wait → email) in the editor', async () => {
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-journeys').waitFor();
    await page.goto(`${app.url}/journeys/${journeyId}`);
    await page.getByTestId('journey-canvas').waitFor();

    await node('trigger').click();
    await page.getByTestId('trigger-kind').selectOption('segment_entered');
    await page.getByTestId('trigger-segment').selectOption(segmentId);
    await expect.poll(() => node('trigger').textContent()).toContain('Enters Pro plan');

    // Split after the trigger: a new split starts with two even branches.
    await page.getByTestId('palette-item-random_split').click();
    const split = 'random_split_1';
    await node(split).waitFor();
    await page.getByTestId('field-branches.0.label').fill('Branch A');
    await page.getByTestId('field-branches.1.label').fill('Branch B');
    await page.getByTestId('field-branches.0.percent').fill('45');
    await page.getByTestId('field-branches.1.percent').fill('45');
    await page.getByTestId('field-holdoutPercent').fill('10');
    await expect
      .poll(() => page.getByTestId('field-branches-total').textContent())
      .toContain('= 100%');
    for (const output of ['branch_1', 'branch_2', 'holdout'])
      await page.getByTestId(`node-output-${split}-${output}`).waitFor();
    expect(await node(split).textContent()).toContain('Branch A');
    expect(await node(split).textContent()).toContain('Holdout');

    // Branch A: an email (added after the selected split, on its first free output).
    await page.getByTestId('palette-item-send_email').click();
    await node('send_email_1').waitFor();
    await page.getByTestId('field-subject').fill('Welcome to Pro (A)');
    await page.getByTestId('field-html').fill('<p>Hello from branch A</p>');

    // Branch B: a short wait, then an email.
    await node(split).click();
    await page.getByTestId('palette-item-wait').click();
    await node('wait_1').waitFor();
    await page.getByTestId('field-unit').selectOption({ label: 'seconds' });
    await page.getByTestId('field-amount').fill('1');
    await page.getByTestId('palette-item-send_email').click();
    await node('send_email_2').waitFor();
    await page.getByTestId('field-subject').fill('Welcome to Pro (B)');
    await page.getByTestId('field-html').fill('<p>Hello from branch B</p>');

    // The holdout ends the journey: an exit dropped from the palette, connected in the panel.
    await page
      .getByTestId('palette-item-exit')
      .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 420, y: 560 } });
    await node('exit_1').waitFor();
    await node(split).click();
    await page.getByTestId('connect-holdout').selectOption('exit_1');

    await expect
      .poll(() => page.getByTestId('journey-issues').getAttribute('data-count'))
      .toBe('0');
    await save();
    await shot('built');

    const graph = await draft();
    const edge = (source: string, handle: string | null) =>
      graph.edges.find(
        (e) => e.source === source && (e.sourceHandle ?? 'next') === (handle ?? 'next'),
      )?.target;
    expect(edge('trigger', null)).toBe(split);
    expect(edge(split, 'branch_1')).toBe('send_email_1');
    expect(edge(split, 'branch_2')).toBe('wait_1');
    expect(edge(split, 'holdout')).toBe('exit_1');
    expect(edge('wait_1', null)).toBe('send_email_2');
    expect(graph.nodes.find((n) => n.id === split)?.config).toEqual({
      branches: [
        { key: 'branch_1', label: 'Branch A', percent: 45 },
        { key: 'branch_2', label: 'Branch B', percent: 45 },
      ],
      holdoutPercent: 10,
    });
  });

  it('arranges the steps automatically; undo and redo the arrangement', async () => {
    const before = await positions();
    await page.getByTestId('auto-layout').click();
    await save();
    const arranged = await positions();
    expect(arranged).not.toEqual(before);
    expect(arranged['trigger']).toEqual(before['trigger']);
    // Top to bottom: each step below the one leading to it, branch A left of branch B.
    const y = (id: string) => arranged[id]?.y ?? NaN;
    expect(y('random_split_1')).toBeGreaterThan(y('trigger'));
    expect(y('send_email_1')).toBeGreaterThan(y('random_split_1'));
    expect(y('send_email_2')).toBeGreaterThan(y('wait_1'));
    expect(arranged['send_email_1']?.x).toBeLessThan(arranged['wait_1']?.x ?? NaN);

    // No two steps overlap on screen.
    await page.waitForTimeout(400);
    expect(await overlapsOnCanvas(page)).toEqual([]);
    await shot('arranged');

    await focusCanvas();
    await page.keyboard.press('Control+z');
    await save();
    expect(await positions()).toEqual(before);
    await page.getByTestId('redo').click();
    await save();
    expect(await positions()).toEqual(arranged);

    // Copy / paste / undo of a step, by keyboard.
    await node('wait_1').click();
    await focusCanvas();
    await node('wait_1').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await node('wait_2').waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(() => node('wait_2').count()).toBe(0);
    await page.keyboard.press('Control+y');
    await node('wait_2').waitFor();
    await page.keyboard.press('Delete');
    await expect.poll(() => node('wait_2').count()).toBe(0);
    await save();
    expect((await draft()).nodes.map((n) => n.id).sort()).toEqual(
      ['exit_1', 'random_split_1', 'send_email_1', 'send_email_2', 'trigger', 'wait_1'].sort(),
    );
  });

  it('shows the journey settings from the contracts', async () => {
    await page.getByTestId('panel-tab-journey').click();
    await page.getByTestId('settings-reentry-never').check();
    await page.getByTestId('settings-quiet-enabled').check();
    await page.getByTestId('settings-quiet-start').fill('22:00');
    await page.getByTestId('settings-quiet-end').fill('07:00');
    await shot('settings');
    await save();
    const res = await request(app.url).get(`/api/journeys/${journeyId}`).set(auth());
    expect(res.body.settings).toMatchObject({
      reentry: { mode: 'never' },
      quietHours: { start: '22:00', end: '07:00' },
    });
    // Quiet hours would hold the test's emails overnight: switch them off again.
    await page.getByTestId('settings-quiet-enabled').uncheck();
    await page.getByTestId('panel-tab-step').click();
  });

  it('publishes, then counts customers per step and per branch on the canvas', async () => {
    await page.getByTestId('publish-journey').click();
    await expect
      .poll(() => page.getByTestId('journey-status').textContent(), { timeout: 15_000 })
      .toContain('Live');

    const batch = Array.from({ length: CUSTOMERS }, (_, i) => ({
      type: 'identify',
      userId: `pro-${i}`,
      traits: { plan: 'pro', email: `pro-${i}@example.test`, name: `Pro ${i}` },
    }));
    await request(app.url).post('/v1/batch').set(auth()).send({ batch }).expect(200);
    await page.waitForTimeout(1500);
    await request(app.url).post('/api/evaluations').set(auth()).send({}).expect(200);

    const split = 'random_split_1';
    await waitFor(
      async () => {
        const text = await page
          .getByTestId(`node-entered-${split}`)
          .textContent({
            timeout: 1000,
          })
          .catch(() => null);
        return text && Number(text.replace(/\D/g, '')) === CUSTOMERS ? true : undefined;
      },
      60_000,
      `the split to count ${CUSTOMERS} customers`,
    );
    const count = async (output: string) =>
      Number(
        (
          (await page.getByTestId(`node-output-count-${split}-${output}`).textContent()) ?? ''
        ).replace(/\D/g, ''),
      );
    await expect
      .poll(
        async () =>
          (await count('branch_1')) + (await count('branch_2')) + (await count('holdout')),
        {
          timeout: 20_000,
        },
      )
      .toBe(CUSTOMERS);
    // The first branch's e-mails, as delivered: the SMTP sink accepted every one.
    const mailed = await count('branch_1');
    expect(mailed).toBeGreaterThan(0);
    await expect
      .poll(
        () =>
          page
            .getByTestId('node-messages-send_email_1')
            .textContent({ timeout: 1000 })
            .catch(() => null),
        { timeout: 20_000 },
      )
      .toBe(`${mailed} sent`);
    await shot('live');
  });

  it('edits a condition branch rule with the segment rule builder', async () => {
    await focusCanvas();
    await page.getByTestId('palette-item-condition_branch').click();
    const branch = 'condition_branch_1';
    await node(branch).waitFor();
    await page.getByTestId('field-branches.0.label').fill('Big spenders');
    await page.getByTestId('field-branches.0.rule-edit').click();
    await page.getByTestId('rule-dialog').waitFor();
    await page.getByTestId('condition-0-attribute').fill('plan');
    await page.getByTestId('condition-0-op').selectOption('eq');
    await page.getByTestId('condition-0-value').fill('pro');
    await shot('rule-dialog');
    await page.getByTestId('rule-dialog-save').click();
    await expect.poll(() => page.getByTestId('rule-dialog').count()).toBe(0);
    expect(await page.getByTestId('field-branches.0.rule-summary').textContent()).toContain('plan');
    for (const output of ['branch_1', 'else'])
      await page.getByTestId(`node-output-${branch}-${output}`).waitFor();
    await save();
    const stored = (await draft()).nodes.find((n) => n.id === branch);
    expect(stored?.config).toEqual({
      branches: [
        {
          key: 'branch_1',
          label: 'Big spenders',
          rule: { attribute: 'plan', op: 'eq', value: 'pro' },
        },
      ],
    });
    await expect.poll(() => page.getByTestId('journey-unpublished').count()).toBe(1);
    // Not connected yet: the canvas says so, and the draft is not publishable.
    await node(branch).getByTestId(`node-errors-${branch}`).waitFor();
    await page.getByTestId('delete-node').click();
    await expect.poll(() => node(branch).count()).toBe(0);
    await save();
  });

  it('offers every trigger kind with segments, groups and audiences and their counts', async () => {
    const audience = await request(app.url)
      .post('/api/audiences')
      .set(auth())
      .send({ name: 'Pro customers', segmentId });
    expect(audience.status, JSON.stringify(audience.body)).toBe(201);
    const group = await request(app.url)
      .post('/api/segment-groups')
      .set(auth())
      .send({
        name: 'Plans',
        members: [{ segmentId, label: 'Pro', growthIsGood: true }],
        fallback: { label: 'Everyone else', growthIsGood: false },
      });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    await request(app.url)
      .post(`/api/segment-groups/${group.body.id}/evaluations`)
      .set(auth())
      .send({})
      .expect(200);
    await page.reload();
    await node('trigger').click();
    expect(await page.getByTestId('trigger-segment').textContent()).toContain(
      `Pro plan (${CUSTOMERS})`,
    );

    await page.getByTestId('trigger-kind').selectOption('group_moved');
    await page.getByTestId('trigger-group').selectOption(group.body.id);
    await page.getByTestId(`trigger-to-${segmentId}`).check();
    await expect
      .poll(() => page.getByTestId('trigger-buckets').textContent())
      .toContain(String(CUSTOMERS));
    await expect.poll(() => node('trigger').textContent()).toContain('Plans: anywhere → Pro');
    await shot('trigger-group');

    await page.getByTestId('trigger-kind').selectOption('audience_broadcast');
    expect(await page.getByTestId('trigger-audience').textContent()).toContain(
      `Pro customers (${CUSTOMERS})`,
    );
    await page.getByTestId('trigger-kind').selectOption('schedule');
    await page.getByTestId('trigger-frequency').selectOption('weekly');
    await page.getByTestId('trigger-weekday').selectOption({ label: 'Monday' });
    await page.getByTestId('trigger-time').fill('08:30');
    await expect.poll(() => node('trigger').textContent()).toContain('Mondays at 08:30 · Pro plan');
    await page.getByTestId('trigger-kind').selectOption('event');
    await page.getByTestId('trigger-event-event').fill('Order Completed');
    await expect.poll(() => node('trigger').textContent()).toContain('Does “Order Completed”');

    // Back to the published trigger.
    await page.getByTestId('trigger-kind').selectOption('segment_entered');
    await page.getByTestId('trigger-segment').selectOption(segmentId);
    await save();
  });

  it('gives the other new steps fitting inputs', async () => {
    await focusCanvas();
    await page.getByTestId('palette-item-wait_for_event').click();
    await node('wait_for_event_1').waitFor();
    await page.getByTestId('field-event').fill('Order Completed');
    await page.getByTestId('field-where-add-filter').click();
    await page.getByTestId('field-where-filter-0-property').fill('total');
    await page.getByTestId('field-where-filter-0-op').selectOption('gte');
    await page.getByTestId('field-where-filter-0-value').fill('50');
    for (const output of ['event', 'timeout'])
      await page.getByTestId(`node-output-wait_for_event_1-${output}`).waitFor();
    await shot('wait-for-event');

    await focusCanvas();
    await page.getByTestId('palette-item-wait_until').click();
    await node('wait_until_1').waitFor();
    await page.getByTestId('field-days-0').uncheck();
    await page.getByTestId('field-days-6').uncheck();

    await focusCanvas();
    await page.getByTestId('palette-item-add_to_audience').click();
    await node('add_to_audience_1').waitFor();
    expect(await page.getByTestId('field-audienceId').textContent()).toContain(
      `Pro customers (${CUSTOMERS})`,
    );
    await page
      .getByTestId('field-audienceId')
      .selectOption({ label: `Pro customers (${CUSTOMERS})` });
    await save();
    const nodes = (await draft()).nodes;
    expect(nodes.find((n) => n.id === 'wait_for_event_1')?.config).toMatchObject({
      event: 'Order Completed',
      where: [{ property: 'total', op: 'gte', value: 50 }],
    });
    expect(nodes.find((n) => n.id === 'wait_until_1')?.config['days']).toEqual([1, 2, 3, 4, 5]);
    await shot('audience');
    for (const id of ['add_to_audience_1', 'wait_until_1', 'wait_for_event_1']) {
      await node(id).click();
      await page.getByTestId('delete-node').click();
    }
    await save();
  });

  it('lists versions and shows one read-only', async () => {
    await page.getByTestId('open-versions').click();
    await page.getByTestId('version-1').waitFor();
    expect(await page.getByTestId('version-1-enrollments').textContent()).toContain(
      `${CUSTOMERS} entered`,
    );
    await page.getByTestId('version-1-view').click();
    await page.getByTestId('version-banner').waitFor();
    await shot('version');
    await page.getByTestId('version-back').click();
    await expect.poll(() => page.getByTestId('version-banner').count()).toBe(0);
    await page.getByTestId('version-1-restore').click();
    await expect
      .poll(() => page.getByTestId('editor-notice').textContent())
      .toContain('copied into the draft');
    await page.getByTestId('versions-close').click();
  });

  it('pauses, resumes and stops the journey', async () => {
    await page.getByTestId('journey-pause').click();
    await expect.poll(() => page.getByTestId('journey-status').textContent()).toContain('Paused');
    await page.getByTestId('journey-resume').click();
    await expect.poll(() => page.getByTestId('journey-status').textContent()).toContain('Live');
    await page.getByTestId('journey-stop').click();
    await page.getByTestId('confirm-stop').waitFor();
    await shot('confirm-stop');
    await page.getByTestId('confirm-stop-yes').click();
    await expect.poll(() => page.getByTestId('journey-status').textContent()).toContain('Stopped');
    const res = await request(app.url).get(`/api/journeys/${journeyId}`).set(auth());
    expect(res.body.status).toBe('stopped');
    await shot('stopped');
  });

  it('lists the journey with its trigger and its runs, now and ever', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByText('← Journeys').click();
    await page.getByTestId('journeys-table').waitFor();
    await expect
      .poll(() => page.getByTestId(`journey-row-trigger-${journeyId}`).textContent())
      .toBe('Enters Pro plan');
    expect(await page.getByTestId(`journey-row-status-${journeyId}`).textContent()).toContain(
      'Stopped',
    );
    // What its (last) live version sends: both branches end in Send email.
    expect(await page.getByTestId(`journey-row-sends-${journeyId}`).textContent()).toBe('E-mail');
    expect(await page.getByTestId(`journey-row-active-${journeyId}`).textContent()).toBe('0');
    expect(await page.getByTestId(`journey-row-total-${journeyId}`).textContent()).toBe(
      String(CUSTOMERS),
    );
    await shot('list');
  });

  it('shows on a customer’s page the journey they went through: each step with its time, and the e-mail sent', async () => {
    // A customer of branch B: the split, a wait, then the second e-mail.
    const profileOf = async (externalId: string) =>
      (await request(app.url).get(`/api/customers/${externalId}`).set(auth()).expect(200))
        .body as CustomerProfile;
    let chosen: { profile: CustomerProfile; run: CustomerJourneyEnrollment } | undefined;
    for (let i = 0; i < CUSTOMERS && !chosen; i++) {
      const profile = await profileOf(`pro-${i}`);
      const run = profile.journeys.find((j) => j.journeyId === journeyId);
      if (run?.steps.some((s) => s.nodeType === 'wait')) chosen = { profile, run };
    }
    if (!chosen) throw new Error('no customer took branch B');
    const { profile, run } = await waitFor(
      async () => {
        const again = await profileOf(chosen.profile.externalId);
        const current = again.journeys.find((j) => j.journeyId === journeyId);
        return current?.status === 'completed' && current.messages[0]?.status === 'sent'
          ? { profile: again, run: current }
          : undefined;
      },
      20_000,
      'the run to complete with its e-mail sent',
    );
    await page.goto(`${app.url}/customers/${profile.id}#key=${app.apiKey}`);
    const card = page.getByTestId(`journey-run-${run.enrollmentId}`);
    await card.waitFor({ timeout: 10_000 });
    const header = await card.locator('.journey-run-header').innerText();
    expect(header).toContain('Pro onboarding test');
    expect(header).toContain('v1');
    expect(await card.locator('.status-chip').textContent()).toBe('completed');
    expect(await card.locator('.journey-run-outcome').textContent()).toBe('Completed');
    // Each step in order, done, with the time since the customer entered.
    const steps = card.locator('[data-testid^="journey-step-"]');
    expect(await steps.count()).toBe(run.steps.length);
    const titles = await steps.locator('.journey-run-step-title').allTextContents();
    expect(titles).toEqual(['Random split', 'Wait', 'Send email']);
    // The way the split sent them, named as on the canvas.
    expect(await steps.first().textContent()).toContain('→ Branch B');
    expect(await steps.locator('.journey-run-step-status').allTextContents()).toEqual(
      run.steps.map(() => 'done'),
    );
    for (const time of await steps.locator('time').allTextContents())
      expect(time).toMatch(/^\+\d+[dhms]( \d+[hms])?$/);
    // The wait took its second: the e-mail came at least a second after the split.
    expect(await steps.nth(2).locator('time').textContent()).not.toBe('+0s');
    // What was sent, on the e-mail's step: to whom, the subject, and that it went out.
    const message = steps.nth(2).getByTestId('journey-message');
    expect(await message.locator('.journey-run-to').textContent()).toBe(
      String(profile.traits.email),
    );
    expect(await message.locator('.journey-run-summary').textContent()).toBe('Welcome to Pro (B)');
    expect(await message.locator('.journey-run-msg-status').textContent()).toBe('sent');
    await page.screenshot({
      path: join(screenshotDir, 'journey-branching-customer.png'),
      fullPage: true,
    });
  });
});
