import { createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasValidSignature, type HttpSink, startHttpSink } from '../support/http-sink.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import {
  dropTestData,
  type RunningSwitchyard,
  startSwitchyard,
  waitFor,
} from '../support/switchyard.harness.js';

/** Opens a `v1:` value the way the format is documented: AES-256-GCM, iv | tag | ciphertext. */
function open(key: Buffer, sealed: string, context: string): string {
  expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
  const raw = Buffer.from(sealed.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/**
 * Secrets at rest: the signing key, the SMS provider (with its token and a password in its
 * URL), the workspace's SMTP server (with its login) and plugin secrets are stored sealed
 * with SECRETS_KEY, never come back through the API, and still work: webhooks verify with
 * the key the owner set, the providers get their credentials, and journey e-mails and
 * account links go out through the workspace's own SMTP server and sender.
 */
describe('secrets at rest', () => {
  const key = randomBytes(32);
  const SIGNING = 'owner-signing-key-0123456789';
  const TOKEN = 'sms-token-abcdef';
  const PASSWORD = 'url-pass-4242';
  const PLUGIN_SECRET = 'plugin-secret-789';
  const SMTP_PASSWORD = 'smtp-pass-5151';
  const SENDER = 'Shop <news@shop.example>';
  const secrets = [SIGNING, TOKEN, PASSWORD, PLUGIN_SECRET, SMTP_PASSWORD];
  let app: RunningSwitchyard;
  let api: JourneyApi;
  let sink: HttpSink;
  let smtp: SmtpSink;
  let host: string;
  let smtpUrl: string;

  beforeAll(async () => {
    sink = await startHttpSink();
    smtp = await startSmtpSink({ auth: { user: 'shop', pass: SMTP_PASSWORD } });
    smtpUrl = smtp.url.replace('smtp://', `smtp://shop:${SMTP_PASSWORD}@`);
    host = new URL(sink.url).host;
    app = await startSwitchyard({ env: { SECRETS_KEY: key.toString('base64') } });
    api = new JourneyApi(app);
  });
  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
    await smtp?.stop();
  });

  const workspaceRow = async () =>
    (
      await app.db.query<{
        id: string;
        signing_secret: string | null;
        sms_provider: unknown;
        email_provider: unknown;
        secrets: Record<string, string>;
      }>(`SELECT id, signing_secret, sms_provider, email_provider, secrets FROM workspaces`)
    ).rows[0]!;

  it('returns no secret from any settings or secrets route', async () => {
    const initial = (await api.get('/api/workspace/settings').expect(200)).body;
    expect(initial).toEqual({
      timezone: 'UTC',
      frequencyCaps: [],
      smsProvider: null,
      emailProvider: null,
      signingSecretSet: false,
      allowedHosts: [],
    });
    const put = await api.put('/api/workspace/settings', {
      signingSecret: SIGNING,
      smsProvider: { url: `http://shop:${PASSWORD}@${host}/sms`, from: 'Shop', token: TOKEN },
      emailProvider: { url: smtpUrl, from: SENDER },
      allowedHosts: ['127.0.0.1'],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const view = {
      timezone: 'UTC',
      frequencyCaps: [],
      smsProvider: { url: `http://***@${host}/sms`, from: 'Shop', tokenSet: true },
      emailProvider: { url: smtp.url.replace('smtp://', 'smtp://***@'), from: SENDER },
      signingSecretSet: true,
      allowedHosts: ['127.0.0.1'],
    };
    expect(put.body).toEqual(view);
    expect((await api.get('/api/workspace/settings').expect(200)).body).toEqual(view);
    const secretPut = await api.put('/api/workspace/secrets/apiToken', { value: PLUGIN_SECRET });
    expect([secretPut.status, secretPut.text]).toEqual([204, '']);
    const listed = await api.get('/api/workspace/secrets').expect(200);
    expect(listed.body).toEqual({ names: ['apiToken'] });
    const docs = await api.get('/api/docs').expect(200);
    for (const text of [put.text, listed.text, docs.text, app.output()])
      for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('refuses weak or malformed secrets with a 4xx naming the field', async () => {
    const short = await api.put('/api/workspace/settings', { signingSecret: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.issues[0]).toMatchObject({ field: 'signingSecret' });
    const spaced = await api.put('/api/workspace/settings', {
      smsProvider: { url: `http://${host}/sms`, from: 'Shop', token: 'a token\nX-Evil: 1' },
    });
    expect(spaced.status).toBe(400);
    expect(spaced.body.issues[0]).toMatchObject({ field: 'smsProvider.token' });
    const notSmtp = await api.put('/api/workspace/settings', {
      emailProvider: { url: 'http://mail.example.com', from: SENDER },
    });
    expect(notSmtp.status).toBe(400);
    expect(notSmtp.body.issues[0]).toMatchObject({ field: 'emailProvider.url' });
    const injected = await api.put('/api/workspace/settings', {
      emailProvider: { url: smtpUrl, from: 'Shop <a@b.example>\r\nBcc: all@evil.example' },
    });
    expect(injected.status).toBe(400);
    expect(injected.body.issues[0]).toMatchObject({ field: 'emailProvider.from' });
    // Nothing changed.
    expect((await api.get('/api/workspace/settings').expect(200)).body.smsProvider.tokenSet).toBe(
      true,
    );
  });

  it('stores ciphertext only, bound to the workspace and field', async () => {
    const row = await workspaceRow();
    const raw = JSON.stringify(row);
    for (const secret of secrets) expect(raw).not.toContain(secret);
    expect(raw).not.toContain('Shop');
    expect(raw).not.toContain('news@shop.example');
    expect(open(key, row.signing_secret!, `workspace:${row.id}:signing_secret`)).toBe(SIGNING);
    expect(
      JSON.parse(open(key, row.sms_provider as string, `workspace:${row.id}:sms_provider`)),
    ).toEqual({ url: `http://shop:${PASSWORD}@${host}/sms`, from: 'Shop', token: TOKEN });
    expect(
      JSON.parse(open(key, row.email_provider as string, `workspace:${row.id}:email_provider`)),
    ).toEqual({ url: smtpUrl, from: SENDER });
    expect(open(key, row.secrets.apiToken!, `workspace:${row.id}:secret:apiToken`)).toBe(
      PLUGIN_SECRET,
    );
    // Moved to another field it does not open.
    expect(() => open(key, row.signing_secret!, `workspace:${row.id}:secret:apiToken`)).toThrow();
  });

  it('signs webhooks with the key the owner set and sends the provider its credentials', async () => {
    await api.identify([
      {
        userId: 's1',
        traits: { cohort: 'signed', phone: '+14155550199', email: 's1@example.com' },
      },
    ]);
    const segment = await api.segment('Signed', { attribute: 'cohort', op: 'eq', value: 'signed' });
    const journey = await api.publish(
      'Signed',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        {
          id: 'hook',
          type: 'webhook',
          config: { url: `${sink.url}/hook`, body: '{"id":"{{customer.externalId}}"}' },
        },
        { id: 'sms', type: 'send_sms', config: { body: 'Hi {{customer.externalId}}' } },
        {
          id: 'mail',
          type: 'send_email',
          config: { to: '{{customer.traits.email}}', subject: 'Hello', html: '<p>Hi</p>' },
        },
      ],
      [
        ['trigger', 'hook'],
        ['hook', 'sms'],
        ['sms', 'mail'],
      ],
    );
    await api.evaluate();
    expect(await api.settled(journey, 1)).toEqual({ completed: 1 });
    await waitFor(async () => (sink.requests.length >= 2 ? true : undefined), 15_000, 'requests');
    const hook = sink.requests.find((r) => r.path === '/hook')!;
    const sms = sink.requests.find((r) => r.path === '/sms')!;
    expect(hasValidSignature(hook, SIGNING)).toBe(true);
    expect(hasValidSignature({ ...hook, body: '{"id":"forged"}' }, SIGNING)).toBe(false);
    expect(hasValidSignature(sms, SIGNING)).toBe(true);
    expect(sms.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(sms.body)).toEqual({ to: '+14155550199', from: 'Shop', body: 'Hi s1' });
    // The e-mail went through the workspace's own server, signed in, from its sender.
    await waitFor(async () => (smtp.messages.length >= 1 ? true : undefined), 15_000, 'e-mail');
    expect(smtp.messages[0]).toMatchObject({
      to: ['s1@example.com'],
      from: 'news@shop.example',
      subject: 'Hello',
      user: 'shop',
    });
    for (const secret of secrets) expect(app.output()).not.toContain(secret);
  });

  it("sends account links through the workspace's SMTP server", async () => {
    const before = smtp.messages.length;
    await api.post('/api/auth/password-reset', { email: 'owner@switchyard.local' }).expect(202);
    await waitFor(
      async () => (smtp.messages.length > before ? true : undefined),
      15_000,
      'account e-mail',
    );
    const link = smtp.messages[before]!;
    expect(link).toMatchObject({ to: ['owner@switchyard.local'], user: 'shop' });
    expect(link.from).toBe('news@shop.example');
    expect(link.subject).toMatch(/Switchyard/);
    expect(link.text).toMatch(/\/setup#token=/);
  });

  it('generates a key file when SECRETS_KEY is unset, warns, and keeps using it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sy-data-'));
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    const first = await startSwitchyard({ env, keepData: true });
    try {
      expect(first.output()).toMatch(
        /SECRETS_KEY is not set: generated a new key in .*secrets\.key/,
      );
      expect(statSync(join(dataDir, 'secrets.key')).mode & 0o777).toBe(0o600);
      const firstApi = new JourneyApi(first);
      await firstApi.put('/api/workspace/secrets/token', { value: 'kept' }).expect(204);
      await firstApi
        .put('/api/workspace/settings', {
          signingSecret: SIGNING,
          smsProvider: { url: 'https://sms.example.com/send', from: 'Kept', token: TOKEN },
        })
        .expect(200);
      await first.terminate();
      const again = await startSwitchyard({ env, databaseUrl: first.databaseUrl });
      try {
        expect(again.output()).toMatch(/sealed with the key in .*secrets\.key/);
        // Showing the provider opens it: the second process found the same key.
        const view = (await new JourneyApi(again).get('/api/workspace/settings').expect(200)).body;
        expect(view).toMatchObject({
          signingSecretSet: true,
          smsProvider: { url: 'https://sms.example.com/send', from: 'Kept', tokenSet: true },
        });
      } finally {
        await again.stop();
      }
    } finally {
      await first.stop().catch(() => undefined);
      await dropTestData(first.databaseUrl, first.redisPrefix);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
