import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from '../support/browser.js';
import { type HttpSink, startHttpSink } from '../support/http-sink.js';
import {
  repoRoot,
  startSwitchyard,
  waitFor,
  type RunningSwitchyard,
} from '../support/switchyard.harness.js';

/**
 * The example plugin (packages/slack-notify, loaded through PLUGINS) in the editor: in the
 * palette under its category, its form from its schema with a field that appears only for
 * one choice, published, and run.
 */
describe('browser: a plugin node in the editor', () => {
  let app: RunningSwitchyard;
  let sink: HttpSink;
  let page: Page;
  let close: () => Promise<void>;
  let journeyId: string;
  let segmentId: string;
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });
  const node = (id: string): Locator => page.getByTestId(`node-${id}`);

  beforeAll(async () => {
    sink = await startHttpSink();
    app = await startSwitchyard({
      env: {
        PLUGINS: join(repoRoot, 'packages', 'slack-notify'),
        WEBHOOK_ALLOW_PRIVATE: 'true',
      },
    });
    ({ page, close } = await launchChromium());
    const segment = await request(app.url)
      .post('/api/segments')
      .set(auth())
      .send({ name: 'Team plan', rule: { attribute: 'plan', op: 'eq', value: 'team' } });
    segmentId = segment.body.id;
    await request(app.url).post('/api/evaluations').set(auth()).send({}).expect(200);
    const journey = await request(app.url)
      .post('/api/journeys')
      .set(auth())
      .send({
        name: 'Tell the team',
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
    journeyId = journey.body.id;
  });

  afterAll(async () => {
    await close?.();
    await app?.stop();
    await sink?.stop();
  });

  it('adds the node from the palette and fills its form, conditional field included', async () => {
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-journeys').waitFor();
    await page.goto(`${app.url}/journeys/${journeyId}`);
    await page.getByTestId('journey-canvas').waitFor();
    await node('trigger').click();
    await page.getByTestId('trigger-kind').selectOption('segment_entered');
    await page.getByTestId('trigger-segment').selectOption(segmentId);

    const item = page.getByTestId('palette-item-example.slack_notify');
    expect(await item.textContent()).toContain('Slack message');
    await item.click();
    const id = 'example_slack_notify_1';
    await node(id).waitFor();
    await page.getByTestId('field-webhookUrl').fill(`${sink.url}/services/T0/B0/X`);
    await page.getByTestId('field-message').fill('{{customer.traits.name}} joined the team plan');
    // "Member id" exists only for a mention of one person.
    expect(await page.getByTestId('field-userId').count()).toBe(0);
    await page.getByTestId('field-mention').selectOption('user');
    await page.getByTestId('field-userId').fill('U024BE7LH');
    await page.screenshot({ path: join(screenshotDir, 'plugin-node-form.png'), fullPage: true });

    await page.getByTestId('publish-journey').click();
    await expect
      .poll(() => page.getByTestId('journey-status').textContent(), { timeout: 15_000 })
      .toContain('Live');
    const saved = await request(app.url).get(`/api/journeys/${journeyId}`).set(auth());
    const slack = saved.body.graph.nodes.find((n: { id: string }) => n.id === id);
    expect(slack.config).toMatchObject({ mention: 'user', userId: 'U024BE7LH' });
  });

  it('runs the published node for a customer who enters the segment', async () => {
    await request(app.url)
      .post('/v1/identify')
      .set(auth())
      .send({ userId: 'ada', traits: { plan: 'team', name: 'Ada' } })
      .expect(200);
    await request(app.url).post('/api/evaluations').set(auth()).send({}).expect(200);
    const post = await waitFor(
      async () => sink.requests.find((r) => r.path === '/services/T0/B0/X'),
      20_000,
      'the Slack message',
    );
    expect(JSON.parse(post.body)).toEqual({ text: '<@U024BE7LH> Ada joined the team plan' });
    await page.screenshot({ path: join(screenshotDir, 'plugin-node-live.png'), fullPage: true });
  });
});
