import type { MemberRole } from '@switchyard/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../server/dist/openapi/api-routes.js';
import { Caller, memberSession, setUpOwner } from '../support/access-api.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

/** What the product promises, written out here independently of the server's decorators. */
const OWNER_ONLY_PREFIXES = [
  '/api/members',
  '/api/invites',
  '/api/api-keys',
  '/api/audit-log',
  '/api/workspace/',
  '/v1/',
];
const READ_ONLY_POSTS = [
  'post /api/segments/preview',
  'post /api/journeys/{id}/preview-step',
  'post /api/journeys/{id}/preview-run',
];

function requiredRole(method: string, path: string): MemberRole {
  if (OWNER_ONLY_PREFIXES.some((p) => path.startsWith(p))) return 'owner';
  if (method === 'post' && path === '/api/imports') return 'owner';
  if (method === 'get' || READ_ONLY_POSTS.includes(`${method} ${path}`)) return 'viewer';
  return 'marketer';
}

const RANK: Record<MemberRole, number> = { viewer: 0, marketer: 1, owner: 2 };
const PLACEHOLDER = '00000000-0000-4000-8000-000000000000';

/** The route's path with placeholder ids (nothing of the workspace is touched). */
function concrete(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, param: string) =>
    param === 'key'
      ? 'no-such-template'
      : param === 'name'
        ? 'NO_SUCH'
        : param === 'externalId'
          ? 'nobody'
          : PLACEHOLDER,
  );
}

/**
 * Roles and key scopes over the whole route table: every protected route answers 401
 * without credentials; a viewer gets 403 on every write, a marketer on every owner-only
 * route, an owner on none; an ingest key reaches /v1/* only, an admin key everything.
 */
describe('access: roles, key scopes and the audit log', () => {
  let app: RunningSwitchyard;
  const callers = {} as Record<MemberRole, Caller>;
  let admin: Caller;

  beforeAll(async () => {
    app = await startSwitchyard();
    const ownerCookie = await setUpOwner(app, 'the owner password');
    callers.owner = new Caller(app, { cookie: ownerCookie });
    admin = new Caller(app, { key: app.apiKey });
    callers.marketer = new Caller(app, {
      cookie: (await memberSession(app, callers.owner, 'marketer@example.com', 'marketer')).cookie,
    });
    callers.viewer = new Caller(app, {
      cookie: (await memberSession(app, callers.owner, 'viewer@example.com', 'viewer')).cookie,
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const protectedRoutes = () => apiRoutes.filter((r) => !r.public);

  it('asks for credentials on every protected route', async () => {
    const answers: string[] = [];
    for (const route of protectedRoutes()) {
      const res = await request(app.url)[route.method](concrete(route.path));
      if (res.status !== 401) answers.push(`${route.method} ${route.path} → ${res.status}`);
    }
    expect(answers).toEqual([]);
  });

  it('gives each role exactly the routes of the role matrix, naming the role needed', async () => {
    const routes = protectedRoutes();
    expect(routes.length).toBeGreaterThan(60);
    const wrong: string[] = [];
    for (const route of routes) {
      const needed = requiredRole(route.method, route.path);
      for (const role of ['viewer', 'marketer', 'owner'] as const) {
        const write = route.method !== 'get';
        const res = await callers[role].call(
          route.method,
          concrete(route.path),
          write ? {} : undefined,
        );
        const refused = res.status === 403;
        const shouldRefuse = RANK[role] < RANK[needed];
        if (refused !== shouldRefuse || res.status === 401)
          wrong.push(`${role} ${route.method} ${route.path} → ${res.status} (needs ${needed})`);
        else if (refused && !String(res.body.message).includes(`needs the ${needed} role`))
          wrong.push(`${role} ${route.method} ${route.path}: "${res.body.message}"`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('opens the queue board (/admin/queues) to an owner session, not to a marketer', async () => {
    expect((await callers.owner.get('/admin/queues')).status).toBe(200);
    const marketer = await callers.marketer.get('/admin/queues');
    expect(marketer.status).toBe(403);
    expect(marketer.body.message).toBe('owners only: you are signed in as marketer');
  });

  it('lets an ingest key reach /v1/* only, and an admin key every route', async () => {
    const created = await callers.owner.post('/api/api-keys', { name: 'website', scope: 'ingest' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'website', scope: 'ingest', lastUsedAt: null });
    const ingest = new Caller(app, { key: created.body.key });
    const wrong: string[] = [];
    for (const route of protectedRoutes()) {
      const body = route.method === 'get' ? undefined : {};
      const [asIngest, asAdmin] = [
        await ingest.call(route.method, concrete(route.path), body),
        await admin.call(route.method, concrete(route.path), body),
      ];
      const ingestAllowed = route.path.startsWith('/v1/');
      if ((asIngest.status === 403) === ingestAllowed || asIngest.status === 401)
        wrong.push(`ingest ${route.method} ${route.path} → ${asIngest.status}`);
      if (asAdmin.status === 403 || asAdmin.status === 401)
        wrong.push(`admin ${route.method} ${route.path} → ${asAdmin.status}`);
    }
    expect(wrong).toEqual([]);
    const refused = await ingest.get('/api/segments');
    expect(refused.body.message).toContain('"ingest" scope');
    await ingest.post('/v1/track', { userId: 'u1', event: 'Signed Up' }).expect(200);
  });

  it('records when a key was last used, at most once a minute, and refuses it once revoked', async () => {
    const created = (
      await callers.owner.post('/api/api-keys', { name: 'pixel', scope: 'ingest' }).expect(201)
    ).body;
    const key = new Caller(app, { key: created.key });
    const lastUsed = async () =>
      (
        (await callers.owner.get('/api/api-keys').expect(200)).body as {
          id: string;
          lastUsedAt: string | null;
        }[]
      ).find((k) => k.id === created.id)?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();
    await key.post('/v1/track', { userId: 'u2', event: 'Visit' }).expect(200);
    const first = await waitFor(async () => (await lastUsed()) ?? undefined, 5_000, 'last used');
    for (let i = 0; i < 5; i += 1)
      await key.post('/v1/track', { userId: 'u2', event: 'Visit' }).expect(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await lastUsed()).toBe(first);
    // The list never shows the key itself.
    expect(JSON.stringify((await callers.owner.get('/api/api-keys')).body)).not.toContain(
      created.key,
    );
    const revoked = await callers.owner.call('delete', `/api/api-keys/${created.id}`).expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await key.post('/v1/track', { userId: 'u2', event: 'Visit' });
    expect(after.status).toBe(401);
    expect(after.body.message).toBe('unknown or revoked API key');
  });

  it('writes an audit entry for each audited action, with its actor', async () => {
    const owner = callers.owner;
    // Earlier tests wrote entries too: look at what comes after the newest one.
    const since = Number(
      (await owner.get('/api/audit-log?limit=1').expect(200)).body.entries[0]?.id ?? 0,
    );
    const segment = (
      await admin
        .post('/api/segments', { name: 'Pro', rule: { attribute: 'plan', op: 'eq', value: 'pro' } })
        .expect(201)
    ).body;
    const group = (
      await owner
        .post('/api/segment-groups', {
          name: 'Plans',
          members: [{ segmentId: segment.id, growthIsGood: true }],
          fallback: { label: 'Other', growthIsGood: false },
        })
        .expect(201)
    ).body;
    await owner.call('delete', `/api/segment-groups/${group.id}`).expect(204);
    await admin.call('delete', `/api/segments/${segment.id}`).expect(204);
    const journey = (
      await owner.post('/api/journeys', {
        name: 'Hello',
        graph: {
          nodes: [
            {
              id: 'trigger',
              type: 'trigger',
              position: { x: 0, y: 0 },
              config: { kind: 'event', event: 'Signed Up' },
            },
            {
              id: 'tag',
              type: 'update_attribute',
              position: { x: 0, y: 150 },
              config: { trait: 'hi', value: 'yes' },
            },
          ],
          edges: [{ id: 'e0', source: 'trigger', target: 'tag' }],
        },
      })
    ).body;
    for (const step of ['publish', 'pause', 'resume', 'stop'])
      await owner.post(`/api/journeys/${journey.id}/${step}`).expect(201);
    await admin
      .post('/v1/identify', { userId: 'c1', traits: { email: 'c1@example.com' } })
      .expect(200);
    const audience = (
      await owner.post('/api/audiences', { name: 'One', externalIds: ['c1'] }).expect(201)
    ).body;
    const campaign = (
      await owner.post('/api/campaigns', { name: 'Hi', audienceId: audience.id }).expect(201)
    ).body;
    await owner.post(`/api/campaigns/${campaign.id}/launch`).expect(200);
    const key = (await owner.post('/api/api-keys', { name: 'temp', scope: 'admin' }).expect(201))
      .body;
    await owner.call('delete', `/api/api-keys/${key.id}`).expect(200);
    const invited = (
      await owner.post('/api/invites', { email: 'temp@example.com', role: 'viewer' }).expect(201)
    ).body;
    await owner
      .call('patch', `/api/members/${invited.member.id}`, { role: 'marketer' })
      .expect(200);
    await owner.call('delete', `/api/members/${invited.member.id}`).expect(200);
    await owner.call('put', '/api/workspace/settings', { timezone: 'Europe/Berlin' }).expect(200);
    await owner.call('put', '/api/workspace/secrets/SLACK_TOKEN', { value: 'xoxb-1' }).expect(204);
    await owner.call('delete', '/api/workspace/secrets/SLACK_TOKEN').expect(204);
    // A failed action records nothing.
    await owner.post(`/api/journeys/${PLACEHOLDER}/publish`).expect(404);

    const log = (await owner.get('/api/audit-log?limit=200').expect(200)).body;
    const entries = (
      log.entries as {
        id: string;
        action: string;
        targetId: string | null;
        actor: { label: string };
        details: Record<string, unknown>;
      }[]
    )
      .filter((e) => Number(e.id) > since)
      .reverse();
    const summary = entries.map((e) => `${e.action} ${e.targetId ?? '-'} by ${e.actor.label}`);
    const ownerEmail = 'owner@switchyard.local';
    expect(summary).toEqual([
      `segment_group.deleted ${group.id} by ${ownerEmail}`,
      `segment.deleted ${segment.id} by API key "bootstrap"`,
      `journey.published ${journey.id} by ${ownerEmail}`,
      `journey.paused ${journey.id} by ${ownerEmail}`,
      `journey.resumed ${journey.id} by ${ownerEmail}`,
      `journey.stopped ${journey.id} by ${ownerEmail}`,
      `campaign.launched ${campaign.id} by ${ownerEmail}`,
      `api_key.created ${key.id} by ${ownerEmail}`,
      `api_key.revoked ${key.id} by ${ownerEmail}`,
      `member.invited ${invited.member.id} by ${ownerEmail}`,
      `member.role_changed ${invited.member.id} by ${ownerEmail}`,
      `member.removed ${invited.member.id} by ${ownerEmail}`,
      `workspace.settings_changed - by ${ownerEmail}`,
      `workspace.secret_set SLACK_TOKEN by ${ownerEmail}`,
      `workspace.secret_removed SLACK_TOKEN by ${ownerEmail}`,
    ]);
    const byAction = new Map(entries.map((e) => [e.action, e.details]));
    expect(byAction.get('journey.published')).toMatchObject({ name: 'Hello' });
    expect(byAction.get('api_key.created')).toMatchObject({ name: 'temp', scope: 'admin' });
    expect(byAction.get('member.role_changed')).toEqual({
      email: 'temp@example.com',
      role: 'marketer',
    });
    expect(JSON.stringify(log)).not.toContain('xoxb-1');
    // Sign-ins are recorded too, newest first, and the log pages.
    const signIns = (await owner.get('/api/audit-log?action=user.signed_in').expect(200)).body;
    expect(signIns.total).toBe(0);
    await request(app.url)
      .post('/api/auth/sign-in')
      .send({ email: 'viewer@example.com', password: 'a long enough password' })
      .expect(200);
    const after = (await owner.get('/api/audit-log?action=user.signed_in').expect(200)).body;
    expect(after.entries[0]).toMatchObject({
      action: 'user.signed_in',
      actor: { label: 'viewer@example.com' },
    });
    const page = (await owner.get('/api/audit-log?limit=2&offset=1').expect(200)).body;
    expect(page.entries).toHaveLength(2);
    expect(page.total).toBeGreaterThan(15);
    expect(Number(page.entries[0].id)).toBeGreaterThan(Number(page.entries[1].id));
  });
});
