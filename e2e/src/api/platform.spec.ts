import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  repoRoot,
  type RunningSwitchyard,
  startSwitchyard,
} from '../support/switchyard.harness.js';

const main = join(repoRoot, 'server/dist/main.js');

describe('platform: health, OpenAPI, keys and configuration', () => {
  let app: RunningSwitchyard;

  beforeAll(async () => {
    app = await startSwitchyard();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers liveness and readiness (Postgres and Redis)', async () => {
    expect((await request(app.url).get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await request(app.url).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('publishes an OpenAPI document built from the contracts', async () => {
    const doc = await request(app.url).get('/api/docs');
    expect(doc.body.openapi).toBe('3.1.0');
    for (const path of [
      '/v1/batch',
      '/api/imports',
      '/api/segments/preview',
      '/api/evaluations',
      '/api/journeys/{id}/publish',
    ])
      expect(Object.keys(doc.body.paths)).toContain(path);
    const rule =
      doc.body.paths['/api/segments'].post.requestBody.content['application/json'].schema;
    expect(rule.properties.name.type).toBe('string');
  });

  it('mints a new API key from the command line', () => {
    const out = spawnSync(
      process.execPath,
      [join(repoRoot, 'server/dist/cli/create-api-key.cli.js'), 'ops'],
      {
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: app.databaseUrl },
        encoding: 'utf8',
      },
    );
    expect(out.status, out.stderr).toBe(0);
    const key = out.stdout.split(/\s+/)[0] as string;
    expect(key).toMatch(/^sk_/);
    return request(app.url).get('/api/segments').set('Authorization', `Bearer ${key}`).expect(200);
  });

  it('refuses to start with bad configuration, naming each variable', () => {
    const out = spawnSync(process.execPath, [main], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: 'abc',
        DATABASE_URL: 'mysql://nope',
        ROLE: 'boss',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('Invalid configuration');
    expect(out.stderr).toContain('PORT');
    expect(out.stderr).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(out.stderr).toContain('ROLE');
  });
});
