import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from '../support/browser.js';
import { type HttpSink, startHttpSink } from '../support/http-sink.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

/**
 * "Try it on a customer" in the step panel: the step as edited, before saving, run for a
 * real customer; the e-mail as it would go out, the branch they would take, and nothing
 * sent.
 */
describe('browser: previewing a step for a customer', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let sink: HttpSink;
  let page: Page;
  let close: () => Promise<void>;
  let journeyId: string;
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });
  const at = (y: number) => ({ x: 0, y });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    sink = await startHttpSink();
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url, WEBHOOK_ALLOW_PRIVATE: 'true' } });
    ({ page, close } = await launchChromium());
    await request(app.url)
      .post('/v1/batch')
      .set(auth())
      .send({
        batch: [
          {
            type: 'identify',
            userId: 'ada',
            traits: { plan: 'team', tier: 'vip', first_name: 'Ada', email: 'ada@example.com' },
          },
          {
            type: 'identify',
            userId: 'bob',
            traits: { plan: 'team', tier: 'regular', first_name: 'Bob', email: 'bob@example.com' },
          },
        ],
      })
      .expect(200);
    const segment = await request(app.url)
      .post('/api/segments')
      .set(auth())
      .send({ name: 'Team plan', rule: { attribute: 'plan', op: 'eq', value: 'team' } })
      .expect(201);
    const journey = await request(app.url)
      .post('/api/journeys')
      .set(auth())
      .send({
        name: 'Welcome the team',
        graph: {
          nodes: [
            {
              id: 'trigger',
              type: 'trigger',
              position: at(0),
              config: { kind: 'segment_entered', segmentId: segment.body.id },
            },
            {
              id: 'tier',
              type: 'condition_branch',
              label: 'VIP?',
              position: at(150),
              config: {
                branches: [
                  { key: 'vip', label: 'VIP', rule: { attribute: 'tier', op: 'eq', value: 'vip' } },
                ],
              },
            },
            {
              id: 'mail',
              type: 'send_email',
              label: 'VIP welcome',
              position: at(300),
              config: { subject: 'Hello', html: '<p>Hi {{customer.traits.first_name}}</p>' },
            },
            {
              id: 'hook',
              type: 'webhook',
              label: 'Tell the CRM',
              position: { x: 320, y: 300 },
              config: {
                url: `${sink.url}/crm/{{customer.externalId}}`,
                body: '{"tier":"{{customer.traits.tier}}"}',
              },
            },
          ],
          edges: [
            { id: 'e1', source: 'trigger', target: 'tier' },
            { id: 'e2', source: 'tier', sourceHandle: 'vip', target: 'mail' },
          ],
        },
      })
      .expect(201);
    journeyId = journey.body.id;
  });

  afterAll(async () => {
    await close?.();
    await app?.stop();
    await smtp?.stop();
    await sink?.stop();
  });

  const previewFor = async (customer: string) => {
    await page.getByTestId('step-preview-customer').fill(customer);
    await page.getByTestId('step-preview-run').click();
    await page.getByTestId('step-preview-result').waitFor();
  };

  it('shows the unsaved e-mail as the customer would get it, and sends nothing', async () => {
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-journeys').waitFor();
    await page.goto(`${app.url}/journeys/${journeyId}`);
    await page.getByTestId('journey-canvas').waitFor();
    await page.getByTestId('node-mail').click();
    await page.getByTestId('field-subject').fill('Welcome back, {{customer.traits.first_name}}');
    await previewFor('ada');
    await expect
      .poll(() => page.getByTestId('step-preview-subject').textContent())
      .toBe('Welcome back, Ada');
    // The body as written, then the unsubscribe footer a marketing e-mail without a link gets.
    expect(await page.getByTestId('step-preview-html').getAttribute('srcdoc')).toMatch(
      /^<p>Hi Ada<\/p>\n<p [^>]+>Don't want these e-mails\? <a href="[^"]+\/u\/preview"/,
    );
    expect(await page.getByTestId('step-preview-email').textContent()).toContain(
      'E-mail to ada@example.com',
    );
    expect(await page.getByTestId('step-preview-outcome').textContent()).toBe(
      'Then the run ends (nothing is connected after this step).',
    );
    expect(await page.getByTestId('step-preview-for').textContent()).toContain(
      'ada (no run of this journey yet',
    );
    await page.getByTestId('step-preview').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'step-preview-email.png') });

    // An edit makes the answer stale until previewed again.
    await page.getByTestId('field-subject').fill('Hi {{customer.traits.first_name}}');
    await page.getByTestId('step-preview-stale').waitFor();
    await page.getByTestId('step-preview-run').click();
    await expect.poll(() => page.getByTestId('step-preview-subject').textContent()).toBe('Hi Ada');
    expect(await page.getByTestId('step-preview-stale').count()).toBe(0);

    const { rows } = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    expect(rows[0]?.n).toBe(0);

    // A test of the e-mail goes to the marketer's address, not to the customer.
    await page.getByTestId('step-test-to').fill('me@example.org');
    await page.getByTestId('step-test-send-run').click();
    await expect
      .poll(() => page.getByTestId('step-test-send-result').textContent())
      .toBe('Sent “[Test] Hi Ada” to me@example.org.');
    const got = await waitFor(
      async () => smtp.messages.find((m) => m.subject === '[Test] Hi Ada'),
      10_000,
      'the test e-mail',
    );
    expect(got.to).toEqual(['me@example.org']);
    await page.getByTestId('step-test-send').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'step-preview-test-send.png') });
  });

  it("calls a webhook step's URL as a test and shows the answer", async () => {
    await page.getByTestId('node-hook').click();
    await previewFor('ada');
    await page.getByTestId('step-test-send-run').waitFor();
    expect(await page.getByTestId('step-test-to').count()).toBe(0);
    const calls = sink.requests.length;
    await page.getByTestId('step-test-send-run').click();
    await expect
      .poll(() => page.getByTestId('step-test-send-result').textContent())
      .toMatch(new RegExp(`^POST ${sink.url}/crm/ada answered 200 in \\d+ ms\\.$`));
    expect(await page.getByTestId('step-test-send-answer').textContent()).toBe('{"ok":true}');
    expect(sink.requests.slice(calls).map((r) => [r.path, r.body])).toEqual([
      ['/crm/ada', '{"tier":"vip"}'],
    ]);
    sink.failNext(1, 404, 'no customer ada in the CRM');
    await page.getByTestId('step-test-send-run').click();
    await expect
      .poll(() => page.getByTestId('step-test-send-result').textContent())
      .toContain('answered 404 (refused: a journey would not retry it)');
    expect(await page.getByTestId('step-test-send-answer').textContent()).toBe(
      'no customer ada in the CRM',
    );
    await page.getByTestId('step-test-send').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'step-preview-test-webhook.png') });
    const { rows } = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    expect(rows[0]?.n).toBe(0);
  });

  it('tells which branch each customer would take, and names a customer it cannot find', async () => {
    await page.getByTestId('node-tier').click();
    await previewFor('ada');
    await expect
      .poll(() => page.getByTestId('step-preview-outcome').textContent())
      .toBe('Then goes on through “VIP” to “VIP welcome”.');
    await previewFor('bob');
    await expect
      .poll(() => page.getByTestId('step-preview-outcome').textContent())
      .toBe('Then goes through “Everyone else”, where nothing is connected, and the run ends.');
    await page.screenshot({ path: join(screenshotDir, 'step-preview-branch.png') });
    await page.getByTestId('step-preview-customer').fill('zed');
    await page.getByTestId('step-preview-run').click();
    await expect
      .poll(() => page.getByTestId('step-preview-error').textContent())
      .toContain('no customer "zed" in this workspace');
  });

  it('walks the whole journey on the canvas (unsaved edits included) for a customer', async () => {
    await page.getByTestId('node-trigger').click();
    await page.getByTestId('journey-walk-customer').fill('ada');
    await page.getByTestId('journey-walk-run').click();
    await page.getByTestId('journey-walk-result').waitFor();
    await expect
      .poll(() => page.getByTestId('journey-walk-step-tier').textContent())
      .toBe('VIP? · through “VIP”');
    // The subject edited in the first test, not saved: the walk runs the canvas.
    expect(await page.getByTestId('journey-walk-step-mail').textContent()).toContain(
      'E-mail to ada@example.com: “Hi Ada”',
    );
    expect(await page.getByTestId('journey-walk-end').textContent()).toBe(
      'Then the run completes.',
    );
    await page.getByTestId('journey-walk-email').locator('summary').click();
    expect(
      await page.getByTestId('journey-walk-email').locator('iframe').getAttribute('srcdoc'),
    ).toMatch(/^<p>Hi Ada<\/p>\n<p [^>]+>Don't want these e-mails\?/);
    // The path is numbered on the canvas.
    expect(await page.getByTestId('node-tier').getAttribute('data-walk-step')).toBe('1');
    expect(await page.getByTestId('node-mail').getAttribute('data-walk-step')).toBe('2');
    await page.getByTestId('journey-walk').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'journey-walk.png') });

    await page.getByTestId('journey-walk-customer').fill('bob');
    await page.getByTestId('journey-walk-run').click();
    await expect
      .poll(() => page.getByTestId('journey-walk-step-tier').textContent())
      .toBe('VIP? · through “Everyone else”');
    expect(await page.getByTestId('journey-walk-step-mail').count()).toBe(0);
    expect(await page.getByTestId('node-mail').getAttribute('data-walk-step')).toBeNull();
    // A step of the walk opens in the panel, ready to try on the same customer; the walk
    // closes and its path leaves the canvas.
    await page.getByTestId('journey-walk-open-tier').click();
    await expect
      .poll(() => page.getByTestId('settings-panel').getAttribute('data-node-id'))
      .toBe('tier');
    expect(await page.getByTestId('step-preview-customer').inputValue()).toBe('bob');
    await expect
      .poll(() => page.getByTestId('node-tier').getAttribute('data-walk-step'))
      .toBeNull();
    const { rows } = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    expect(rows[0]?.n).toBe(0);
  });

  it('says when quiet hours would hold the e-mail back', async () => {
    const hour = (delta: number) =>
      `${String((new Date().getUTCHours() + delta + 24) % 24).padStart(2, '0')}:00`;
    await request(app.url)
      .patch(`/api/journeys/${journeyId}`)
      .set(auth())
      .send({ settings: { quietHours: { start: hour(-1), end: hour(2) } } })
      .expect(200);
    await page.goto(`${app.url}/journeys/${journeyId}`);
    await page.getByTestId('node-mail').click();
    await previewFor('ada');
    await expect
      .poll(() => page.getByTestId('step-preview-held').textContent())
      .toMatch(/^Quiet hours: held until .+ \(UTC\), then sent\.$/);
    await page.getByTestId('step-preview-held').scrollIntoViewIfNeeded();
    // Still shown as it would go out once they end.
    await expect
      .poll(() =>
        page.frameLocator('[data-testid=step-preview-html]').locator('body').textContent(),
      )
      .toBe("Hi Ada\nDon't want these e-mails? Unsubscribe.");
    await page.screenshot({ path: join(screenshotDir, 'step-preview-quiet-hours.png') });
  });
});
