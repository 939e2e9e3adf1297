import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOwner } from '../support/access-api.js';
import { startSwitchyard, type RunningSwitchyard } from '../support/switchyard.harness.js';

const PASSWORD = 'correct horse battery staple';

/**
 * Two protections of web sessions: a signed-in change sent from another site's page
 * (Origin of another host) is refused, and one client address guessing passwords across
 * many e-mails is throttled. The owner signs in first; the spraying comes last, since it
 * blocks sign-ins from the test's address.
 */
describe('access: cross-site changes and password spraying', () => {
  let app: RunningSwitchyard;
  let owner: string;

  beforeAll(async () => {
    app = await startSwitchyard({ env: { LOG_LEVEL: 'warn' } });
    owner = await setUpOwner(app, PASSWORD);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const own = () => new URL(app.url).origin;
  const createSegment = (origin: string | undefined, name: string) => {
    const call = request(app.url).post('/api/segments').set('Cookie', owner);
    if (origin !== undefined) call.set('Origin', origin);
    return call.send({ name, rule: { attribute: 'plan', op: 'eq', value: 'pro' } });
  };
  const segmentNames = async () =>
    (await request(app.url).get('/api/segments').set('Cookie', owner).expect(200)).body.map(
      (s: { name: string }) => s.name,
    );

  it('refuses a signed-in change whose Origin is another site, and changes nothing', async () => {
    const refused = await createSegment('https://evil.example', 'From elsewhere');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('cross-site request refused');
    const opaque = await createSegment('null', 'From a sandboxed frame');
    expect(opaque.status).toBe(403);
    expect(await segmentNames()).not.toContain('From elsewhere');
    expect(await segmentNames()).not.toContain('From a sandboxed frame');
  });

  it("accepts a change from the server's own pages, and one without an Origin", async () => {
    expect((await createSegment(own(), 'From our page')).status).toBe(201);
    expect((await createSegment(undefined, 'From a script')).status).toBe(201);
    expect(await segmentNames()).toEqual(
      expect.arrayContaining(['From our page', 'From a script']),
    );
  });

  it('reads are answered whatever the Origin, and API keys are not affected', async () => {
    await request(app.url)
      .get('/api/segments')
      .set('Cookie', owner)
      .set('Origin', 'https://evil.example')
      .expect(200);
    await request(app.url)
      .post('/api/segments')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .set('Origin', 'https://evil.example')
      .send({ name: 'By key', rule: { attribute: 'plan', op: 'eq', value: 'pro' } })
      .expect(201);
  });

  it('throttles one address guessing across many e-mails (50 failures), even for a right password', async () => {
    const signIn = (email: string, password: string) =>
      request(app.url).post('/api/auth/sign-in').send({ email, password });
    // Spraying: one guess per e-mail, so the per-e-mail limit (5) never trips.
    for (let i = 0; i < 50; i += 1)
      expect((await signIn(`user${i}@example.com`, 'Summer2026!')).status).toBe(401);
    const blocked = await signIn('owner@switchyard.local', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toContain('too many failed sign-ins from your address');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    // A session made before still works.
    await request(app.url).get('/api/auth/me').set('Cookie', owner).expect(200);
  }, 60_000);
});
