import { once } from 'node:events';
import http from 'node:http';
import { connect } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';

const track = (i: number, prefix = 'lim') => ({
  userId: `${prefix}-u${i}`,
  event: 'Order Completed',
  messageId: `${prefix}-${i}`,
  properties: { total: i },
});

async function count(app: RunningSwitchyard, sql: string): Promise<number> {
  const { rows } = await app.db.query<{ n: number }>(sql);
  return Number(rows[0]?.n);
}

/** POST with a chunked body (no Content-Length): `chunks` of `size` bytes of JSON text. */
function postChunked(
  app: RunningSwitchyard,
  path: string,
  contentType: string,
  parts: string[],
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(app.url);
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: {
          authorization: `Bearer ${app.apiKey}`,
          'content-type': contentType,
          'transfer-encoding': 'chunked',
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may answer and close before every chunk is written.
    req.on('error', (error) => (error.message.includes('EPIPE') ? undefined : reject(error)));
    for (const part of parts) req.write(part);
    req.end();
  });
}

describe('ingest limits: per-key rate limits', () => {
  let app: RunningSwitchyard;

  beforeAll(async () => {
    app = await startSwitchyard({
      env: {
        RATE_LIMIT_INGEST_PER_SECOND: '2',
        RATE_LIMIT_INGEST_BURST: '3',
        RATE_LIMIT_ADMIN_PER_SECOND: '1',
        RATE_LIMIT_ADMIN_BURST: '4',
      },
    });
  });
  afterAll(() => app.stop());

  it('answers 429 with Retry-After past a key’s burst; other keys and admin routes have their own buckets', async () => {
    const other = await request(app.url)
      .post('/api/api-keys')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .send({ name: 'second source', scope: 'ingest' });
    expect(other.status, JSON.stringify(other.body)).toBe(201);

    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        request(app.url)
          .post('/v1/track')
          .set('Authorization', `Bearer ${app.apiKey}`)
          .send(track(i)),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    const refused = answers.find((a) => a.status === 429);
    expect(refused?.body.message).toContain('RATE_LIMIT_INGEST_PER_SECOND');
    const retryAfter = Number(refused?.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(retryAfter)).toBe(true);
    // Refused requests store nothing.
    expect(await count(app, `SELECT count(*)::int AS n FROM events`)).toBe(3);

    // Another key is not slowed down by the first one.
    const second = await request(app.url)
      .post('/v1/track')
      .set('Authorization', `Bearer ${other.body.key}`)
      .send(track(100));
    expect(second.status).toBe(200);
    // Admin routes draw from their own bucket (one token went to creating the key).
    const admin = await request(app.url)
      .get('/api/segments')
      .set('Authorization', `Bearer ${app.apiKey}`);
    expect(admin.status).toBe(200);

    // After Retry-After the key may send again.
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    const later = await request(app.url)
      .post('/v1/track')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .send(track(7));
    expect(later.status).toBe(200);
  });

  it('limits admin routes per key with their own settings', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        request(app.url).get('/api/segments').set('Authorization', `Bearer ${app.apiKey}`),
      ),
    );
    const ok = answers.filter((a) => a.status === 200).length;
    expect(ok).toBeLessThanOrEqual(4);
    const refused = answers.find((a) => a.status === 429);
    expect(refused?.body.message).toContain('RATE_LIMIT_ADMIN_PER_SECOND');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});

describe('ingest limits: body sizes and time limits', () => {
  let app: RunningSwitchyard;
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });

  beforeAll(async () => {
    app = await startSwitchyard({
      env: {
        RATE_LIMIT_INGEST_PER_SECOND: '0',
        RATE_LIMIT_ADMIN_PER_SECOND: '0',
        BODY_LIMIT_INGEST_BYTES: '4096',
        BODY_LIMIT_ADMIN_BYTES: '8192',
        IMPORT_MAX_BYTES: '8192',
        INGEST_TIMEOUT_MS: '1000',
        CONNECTION_TIMEOUT_MS: '2000',
        REQUEST_TIMEOUT_MS: '3000',
      },
    });
  });
  afterAll(() => app.stop());

  const batchOf = (n: number, prefix: string) => ({
    batch: Array.from({ length: n }, (_, i) => ({ type: 'track', ...track(i, prefix) })),
  });

  it('413 for an ingest body over its limit, declared or chunked; under it is stored', async () => {
    const big = batchOf(60, 'big');
    expect(JSON.stringify(big).length).toBeGreaterThan(4096);
    const declared = await request(app.url).post('/v1/batch').set(auth()).send(big);
    expect(declared.status).toBe(413);
    expect(declared.body.message).toContain('BODY_LIMIT_INGEST_BYTES');
    expect(declared.body.message).toContain('4096');

    const text = JSON.stringify(big);
    const chunked = await postChunked(app, '/v1/batch', 'application/json', [
      text.slice(0, 3000),
      text.slice(3000),
    ]);
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).message).toContain('BODY_LIMIT_INGEST_BYTES');

    const small = await request(app.url).post('/v1/batch').set(auth()).send(batchOf(10, 'small'));
    expect(small.status).toBe(200);
    expect(await count(app, `SELECT count(*)::int AS n FROM events`)).toBe(10);
  });

  it('413 for an admin body over its own limit', async () => {
    const res = await request(app.url)
      .post('/api/segments')
      .set(auth())
      .send({ name: 'x'.repeat(9000), rule: { attribute: 'plan', op: 'eq', value: 'pro' } });
    expect(res.status).toBe(413);
    expect(res.body.message).toContain('BODY_LIMIT_ADMIN_BYTES');
    expect(await count(app, `SELECT count(*)::int AS n FROM segments`)).toBe(0);
  });

  it('413 for an import over IMPORT_MAX_BYTES, declared or streamed, and nothing is imported', async () => {
    const lines = Array.from({ length: 120 }, (_, i) =>
      JSON.stringify({ type: 'track', ...track(i, 'imp') }),
    );
    const body = `${lines.join('\n')}\n`;
    expect(body.length).toBeGreaterThan(8192);
    const declared = await request(app.url)
      .post('/api/imports')
      .set(auth())
      .set('Content-Type', 'application/x-ndjson')
      .send(body);
    expect(declared.status).toBe(413);
    expect(declared.body.message).toContain('IMPORT_MAX_BYTES');

    const parts = [body.slice(0, 4000), body.slice(4000, 8000), body.slice(8000)];
    const streamed = await postChunked(app, '/api/imports', 'application/x-ndjson', parts);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).message).toContain('IMPORT_MAX_BYTES');
    expect(
      await count(app, `SELECT count(*)::int AS n FROM events WHERE message_id LIKE 'imp-%'`),
    ).toBe(0);
  });

  it('503 with Retry-After when an ingest request runs out of time; the retry stores it once', async () => {
    const blocker = await app.db.connect();
    try {
      await blocker.query('BEGIN');
      // Inserts into events wait for this lock: the request cannot finish in time.
      await blocker.query('LOCK TABLE events IN EXCLUSIVE MODE');
      const started = Date.now();
      const slow = await request(app.url).post('/v1/track').set(auth()).send(track(1, 'slow'));
      expect(slow.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(slow.headers['retry-after']).toBe('5');
      expect(slow.body.message).toContain('INGEST_TIMEOUT_MS');
      await blocker.query('COMMIT');
    } finally {
      blocker.release();
    }
    const retry = await request(app.url).post('/v1/track').set(auth()).send(track(1, 'slow'));
    expect(retry.status).toBe(200);
    expect(
      await count(app, `SELECT count(*)::int AS n FROM events WHERE message_id = 'slow-1'`),
    ).toBe(1);
  });

  it('closes a connection that sends nothing (CONNECTION_TIMEOUT_MS)', async () => {
    const url = new URL(app.url);
    const socket = connect(Number(url.port), url.hostname);
    await once(socket, 'connect');
    const started = Date.now();
    await once(socket, 'close');
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(1500);
    expect(waited).toBeLessThan(10_000);
  });

  it('answers 408 to a request whose body trickles in past REQUEST_TIMEOUT_MS', async () => {
    const url = new URL(app.url);
    const socket = connect(Number(url.port), url.hostname);
    await once(socket, 'connect');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.write(
      `POST /v1/track HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${app.apiKey}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`,
    );
    // One byte every 500 ms: never idle long enough for the connection timeout.
    const trickle = setInterval(() => socket.write(' '), 500);
    const started = Date.now();
    try {
      await once(socket, 'close');
    } finally {
      clearInterval(trickle);
    }
    const waited = Date.now() - started;
    // REQUEST_TIMEOUT_MS is 3 s here; the server checks once a second.
    expect(waited).toBeGreaterThanOrEqual(2500);
    expect(waited).toBeLessThan(10_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
