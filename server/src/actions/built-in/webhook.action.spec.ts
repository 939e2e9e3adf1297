import { describe, expect, it } from 'vitest';
import { fakeContext } from './action-test-context.testing.js';
import { DEFAULT_WEBHOOK_BODY, webhookAction } from './webhook.action.js';

function issues(raw: unknown): { path: string; message: string }[] {
  const parsed = webhookAction.parseConfig(raw);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('webhook', () => {
  it('posts the customer and journey as JSON by default', async () => {
    const traits = { name: 'Ada "the first" <3', tags: ['a', 'b'] };
    const { ctx, calls } = fakeContext({ traits });
    expect(
      await webhookAction.run(ctx, { url: 'https://hooks.example.com/in?c={{customer.id}}' }),
    ).toEqual({ kind: 'continue' });
    expect(calls).toEqual([
      {
        effect: 'webhook',
        request: {
          url: 'https://hooks.example.com/in?c=7',
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: expect.any(String),
        },
        options: {},
      },
    ]);
    const call = calls[0];
    const body = call?.effect === 'webhook' ? (call.request.body ?? '') : '';
    expect(JSON.parse(body)).toEqual({
      customer: { id: '7', externalId: 'cust-7', traits },
      journey: { id: 'j-1', versionId: 'v-1', enrollmentId: 'e-1', nodeId: 'n-1' },
    });
  });

  it('renders headers and a custom body, and passes the rate limit', async () => {
    const { ctx, calls } = fakeContext({ traits: { token: 'abc&1', plan: 'pro' } });
    await webhookAction.run(ctx, {
      url: 'http://crm.example.com/contacts/{{customer.externalId}}',
      method: 'PUT',
      headers: [
        { name: 'Authorization', value: 'Bearer {{customer.traits.token}}' },
        { name: 'content-type', value: 'text/csv' },
      ],
      body: '{{customer.externalId}},{{customer.traits.plan}},{{journey.id}}',
      ratePerMinute: 60,
    });
    expect(calls).toEqual([
      {
        effect: 'webhook',
        request: {
          url: 'http://crm.example.com/contacts/cust-7',
          method: 'PUT',
          headers: { Authorization: 'Bearer abc&1', 'content-type': 'text/csv' },
          body: 'cust-7,pro,j-1',
        },
        options: { ratePerMinute: 60 },
      },
    ]);
  });

  it('sends no body with GET, and text/plain for a body that is not JSON', async () => {
    const get = fakeContext();
    await webhookAction.run(get.ctx, { url: 'https://example.com/ping', method: 'GET' });
    expect(get.calls).toEqual([
      {
        effect: 'webhook',
        request: { url: 'https://example.com/ping', method: 'GET' },
        options: {},
      },
    ]);
    const text = fakeContext();
    await webhookAction.run(text.ctx, { url: 'https://example.com/', body: 'hello' });
    expect(text.calls).toEqual([
      {
        effect: 'webhook',
        request: {
          url: 'https://example.com/',
          method: 'POST',
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
          body: 'hello',
        },
        options: {},
      },
    ]);
  });

  it('fails for good when the URL is not http(s) once rendered', async () => {
    for (const [url, message] of [
      ['ftp://example.com/x', '"ftp://example.com/x" is not an http(s) URL'],
      ['{{customer.traits.hook}}', 'the webhook URL is empty once rendered'],
      ['example.com/hook', '"example.com/hook" is not an http(s) URL'],
      ['javascript:alert(1)', '"javascript:alert(1)" is not an http(s) URL'],
    ] as const) {
      const { ctx, calls } = fakeContext();
      await expect(webhookAction.run(ctx, { url })).rejects.toMatchObject({
        name: 'FatalActionError',
        message,
      });
      expect(calls).toEqual([]);
    }
  });

  it('fails for good when a header value renders a line break', async () => {
    const { ctx, calls } = fakeContext({ traits: { token: 'x\r\nX-Evil: 1' } });
    await expect(
      webhookAction.run(ctx, {
        url: 'https://example.com/',
        headers: [{ name: 'X-Token', value: '{{customer.traits.token}}' }],
      }),
    ).rejects.toMatchObject({
      name: 'FatalActionError',
      message: 'header "X-Token" contains a line break once rendered',
    });
    expect(calls).toEqual([]);
  });

  it('refuses reserved, malformed and repeated header names, and broken value templates', () => {
    const url = 'https://example.com/';
    for (const name of ['Host', 'content-length', 'X-Switchyard-Signature', 'x-switchyard-ts'])
      expect(issues({ url, headers: [{ name, value: 'x' }] }), name).toEqual([
        {
          path: 'headers.0.name',
          message: 'is set by Switchyard itself (Host, Content-Length, X-Switchyard-*)',
        },
      ]);
    expect(issues({ url, headers: [{ name: 'Bad Name:', value: 'x' }] })).toEqual([
      expect.objectContaining({ path: 'headers.0.name' }),
    ]);
    expect(
      issues({
        url,
        headers: [
          { name: 'X-Api-Key', value: 'a' },
          { name: 'x-api-key', value: 'b' },
        ],
      }),
    ).toEqual([{ path: 'headers.1.name', message: '"x-api-key" is set twice' }]);
    expect(issues({ url, headers: [{ name: 'X-A', value: '{{#if x}}open' }] })).toEqual([
      expect.objectContaining({ path: 'headers.0.value' }),
    ]);
    expect(issues({ url, method: 'HEAD' })).toEqual([expect.objectContaining({ path: 'method' })]);
    expect(issues({})).toEqual([expect.objectContaining({ path: 'url' })]);
  });

  it('starts with POST and the default JSON body', () => {
    expect(webhookAction.defaults).toEqual({
      method: 'POST',
      headers: [],
      body: DEFAULT_WEBHOOK_BODY,
    });
    expect(webhookAction.templateFields).toEqual(['url', 'body']);
  });
});
