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
        'refused: mixed.test resolves to 10.0.0.7, a private address (set WEBHOOK_ALLOW_PRIVATE=true to allow)',
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
