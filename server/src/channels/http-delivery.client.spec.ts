import type { LookupAddress } from 'node:dns';
import { once } from 'node:events';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig } from '../config/app-config.service.js';
import { HttpDeliveryClient } from './http-delivery.client.js';

/** A client whose resolver is a fixed table, and which counts the look-ups. */
class TableClient extends HttpDeliveryClient {
  lookups = 0;
  constructor(
    config: AppConfig,
    private readonly table: Record<string, LookupAddress[]>,
  ) {
    super(config);
  }

  protected override async lookupAll(host: string): Promise<LookupAddress[]> {
    this.lookups += 1;
    return this.table[host] ?? [];
  }
}

describe('HttpDeliveryClient', () => {
  let server: http.Server;
  let port: number;
  const hosts: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hosts.push(req.headers.host ?? '');
      res.writeHead(200).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    port = address.port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const request = (url: string) => ({
    url,
    method: 'POST',
    headers: {},
    body: '{}',
    signingSecret: 's',
    idempotencyKey: 'k',
  });

  it('connects to the address it checked, without asking DNS again (no rebinding)', async () => {
    // "pinned.test" exists only in this table: reaching the server proves the socket
    // used the checked address rather than a look-up of its own.
    const client = new TableClient(AppConfig.fromEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' }), {
      'pinned.test': [{ address: '127.0.0.1', family: 4 }],
    });
    expect(await client.send(request(`http://pinned.test:${port}/x`))).toEqual({
      kind: 'sent',
      providerMessageId: 'HTTP 200',
    });
    expect(client.lookups).toBe(1);
    expect(hosts.at(-1)).toBe(`pinned.test:${port}`);
    client.onApplicationShutdown();
  });

  it('refuses a host when any of its addresses is private', async () => {
    const client = new TableClient(AppConfig.fromEnv({}), {
      'mixed.test': [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
      'v6.test': [{ address: '::ffff:127.0.0.1', family: 6 }],
    });
    expect(await client.send(request('https://mixed.test/'))).toEqual({
      kind: 'failed',
      error:
        'refused: mixed.test resolves to 10.0.0.7, a private address (add "mixed.test" to the workspace\'s allowedHosts, or set WEBHOOK_ALLOW_PRIVATE=true)',
    });
    expect(await client.send(request('http://v6.test/'))).toMatchObject({
      kind: 'failed',
      error: expect.stringMatching(/a loopback address/),
    });
    expect(await client.send(request('http://[::1]:1/'))).toMatchObject({
      kind: 'failed',
      error: expect.stringMatching(/^refused: ::1 is ::1, a loopback address/),
    });
    // WHATWG URL parsing turns odd IPv4 spellings into the dotted form first.
    expect(await client.send(request('http://2130706433/'))).toMatchObject({
      kind: 'failed',
      error: expect.stringMatching(/^refused: 127\.0\.0\.1 is/),
    });
    client.onApplicationShutdown();
  });

  it('answers plain requests for action nodes with the same guard, unsigned', async () => {
    const allowed = new TableClient(AppConfig.fromEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' }), {
      'lookup.test': [{ address: '127.0.0.1', family: 4 }],
    });
    const answer = await allowed.request({
      url: `http://lookup.test:${port}/score`,
      method: 'GET',
    });
    expect(answer.status).toBe(200);
    allowed.onApplicationShutdown();
    const guarded = new TableClient(AppConfig.fromEnv({}), {
      'inside.test': [{ address: '10.1.2.3', family: 4 }],
    });
    await expect(guarded.request({ url: 'http://inside.test/', method: 'GET' })).rejects.toThrow(
      /refused: inside.test resolves to 10.1.2.3, a private address/,
    );
    guarded.onApplicationShutdown();
  });

  it('fails for good on URLs it will not call', async () => {
    const client = new HttpDeliveryClient(AppConfig.fromEnv({}));
    expect(await client.send(request('file:///etc/passwd'))).toMatchObject({ kind: 'failed' });
    expect(await client.send(request('not a url'))).toMatchObject({ kind: 'failed' });
    client.onApplicationShutdown();
  });

  it('retries when a host cannot be resolved', async () => {
    const client = new TableClient(AppConfig.fromEnv({}), {});
    expect(await client.send(request('https://nowhere.test/'))).toMatchObject({
      kind: 'retry',
      error: 'DNS lookup of nowhere.test found no address',
    });
    client.onApplicationShutdown();
  });
});

describe('HttpDeliveryClient with a workspace allow list', () => {
  let server: http.Server;
  let port: number;
  let served = 0;

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      served += 1;
      res.writeHead(200).end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    port = address.port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const signed = (url: string, allowedHosts: string[]) => ({
    url,
    method: 'POST',
    headers: {},
    body: '{}',
    signingSecret: 's',
    idempotencyKey: 'k',
    allowedHosts,
  });

  it('reaches an allowed host at a loopback address without WEBHOOK_ALLOW_PRIVATE', async () => {
    const client = new TableClient(AppConfig.fromEnv({}), {
      'hooks.internal': [{ address: '127.0.0.1', family: 4 }],
      'other.internal': [{ address: '127.0.0.1', family: 4 }],
    });
    const url = `http://hooks.internal:${port}/x`;
    expect(await client.send(signed(url, []))).toMatchObject({
      kind: 'failed',
      error: expect.stringMatching(
        /^refused: hooks\.internal resolves to 127\.0\.0\.1, a loopback address \(add "hooks\.internal:\d+" to the workspace's allowedHosts/,
      ),
    });
    const before = served;
    expect(await client.send(signed(url, ['hooks.internal']))).toMatchObject({ kind: 'sent' });
    expect(await client.send(signed(url, [`hooks.internal:${port}`]))).toMatchObject({
      kind: 'sent',
    });
    expect(served).toBe(before + 2);
    // Another port, another host: still refused.
    expect(await client.send(signed(url, ['hooks.internal:1']))).toMatchObject({ kind: 'failed' });
    expect(
      await client.send(signed(`http://other.internal:${port}/`, ['hooks.internal'])),
    ).toMatchObject({ kind: 'failed' });
    // ctx.http takes the same list.
    expect(
      (await client.request({ url, method: 'GET', allowedHosts: ['hooks.internal'] })).status,
    ).toBe(200);
    await expect(client.request({ url, method: 'GET' })).rejects.toThrow(/loopback/);
    client.onApplicationShutdown();
  });

  it('never allows cloud metadata, even for an allowed host', async () => {
    const client = new TableClient(AppConfig.fromEnv({}), {
      'meta.internal': [{ address: '169.254.169.254', family: 4 }],
    });
    expect(
      await client.send(signed('http://meta.internal/latest/meta-data/', ['meta.internal'])),
    ).toMatchObject({
      kind: 'failed',
      error: expect.stringMatching(/a metadata address \(cloud metadata is never allowed\)/),
    });
    expect(await client.send(signed('http://169.254.169.254/', ['169.254.169.254']))).toMatchObject(
      { kind: 'failed' },
    );
    client.onApplicationShutdown();
  });

  it('refuses private addresses however the URL spells them', async () => {
    const client = new HttpDeliveryClient(AppConfig.fromEnv({ WEBHOOK_TIMEOUT_MS: '500' }));
    const spellings = [
      'http://127.0.0.1/',
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f000001/',
      'http://0x7f.0x0.0x0.0x1/',
      'http://017700000001/',
      'http://0177.0.0.01/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://[0:0:0:0:0:ffff:a00:1]/',
      'http://0.0.0.0/',
      'http://0/',
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://192.168.0.1/',
      'http://169.254.169.254/',
      'http://100.64.0.1/',
      'http://[fc00::1]/',
      'http://[fe80::1]/',
      'http://localhost/',
    ];
    for (const url of spellings) {
      const result = await client.send(signed(url, []));
      expect([url, result]).toEqual([
        url,
        { kind: 'failed', error: expect.stringMatching(/^refused: /) },
      ]);
    }
    client.onApplicationShutdown();
  });

  it('never reuses a kept-alive socket to a private address for a request checked as public', async () => {
    // DNS first says 127.0.0.1 (allowed for the workspace), then a public address.
    const table: Record<string, LookupAddress[]> = {
      'flip.test': [{ address: '127.0.0.1', family: 4 }],
    };
    const client = new TableClient(AppConfig.fromEnv({ WEBHOOK_TIMEOUT_MS: '300' }), table);
    const url = `http://flip.test:${port}/`;
    expect(await client.send(signed(url, ['flip.test']))).toMatchObject({ kind: 'sent' });
    const before = served;
    table['flip.test'] = [{ address: '93.184.216.34', family: 4 }];
    // Checked as public, for another workspace: the pooled loopback socket is not used.
    expect((await client.send(signed(url, []))).kind).not.toBe('sent');
    expect(served).toBe(before);
    client.onApplicationShutdown();
  });
});
