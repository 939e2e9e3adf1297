import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Caller,
  memberSession,
  sessionCookie,
  setCookieLine,
  setupLinkFromBanner,
  tokenOf,
} from '../support/access-api.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import {
  dropTestData,
  repoRoot,
  startSwitchyard,
  waitFor,
  type RunningSwitchyard,
} from '../support/switchyard.harness.js';

const OWNER = 'owner@switchyard.local';
const PASSWORD = 'correct horse battery staple';

/**
 * Web sign-in end to end: the owner's setup link from the start banner, the session
 * cookie and its flags, sign-in / sign-out, one answer for a wrong e-mail or password,
 * throttling, a reset by a link read from the log and from the SMTP server, invites,
 * members and the last owner, a restart that prints no new link, and the owner-link CLI.
 */
describe('access: sign-in, sessions, links and members', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let owner: string;
  let stopped = false;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startSwitchyard({
      keepData: true,
      env: { LOG_LEVEL: 'info', SMTP_URL: smtp.url },
    });
  });
  afterAll(async () => {
    if (app && !stopped) await app.stop();
    // Started with keepData (for the restart): drop its database and Redis keys here.
    if (app) await dropTestData(app.databaseUrl, app.redisPrefix, app.redisUrl);
    await smtp?.stop();
  });

  const signIn = (email: string, password: string) =>
    request(app.url).post('/api/auth/sign-in').send({ email, password });
  const me = (cookie: string) => request(app.url).get('/api/auth/me').set('Cookie', cookie);

  it('prints a one-time setup link for the owner in the banner, not a password', async () => {
    const link = setupLinkFromBanner(app.output());
    expect(link).toMatch(new RegExp(`^${app.url}/setup#token=`));
    expect(app.output()).toContain(`choose the password of the owner ${OWNER}`);
    expect(app.output()).toContain(`Key    ${app.apiKey}`);
    const token = tokenOf(link as string);
    const info = await request(app.url).post('/api/auth/link').send({ token }).expect(200);
    expect(info.body).toMatchObject({ purpose: 'setup', email: OWNER, role: 'owner' });
    // Before setup the owner cannot sign in; a short password is refused with its field.
    expect((await signIn(OWNER, PASSWORD)).status).toBe(401);
    const short = await request(app.url).post('/api/auth/setup').send({ token, password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.issues[0]).toMatchObject({ field: 'password' });
    const done = await request(app.url).post('/api/auth/setup').send({ token, password: PASSWORD });
    expect(done.status).toBe(200);
    expect(done.body.actor).toMatchObject({ type: 'user', email: OWNER, role: 'owner' });
    owner = sessionCookie(done);
    // Single use.
    const again = await request(app.url)
      .post('/api/auth/setup')
      .send({ token, password: PASSWORD });
    expect(again.status).toBe(400);
    expect(again.body.issues[0]).toMatchObject({ field: 'token' });
  });

  it('sets an httpOnly, SameSite=Lax session cookie with a 14-day life, not Secure over http', async () => {
    const res = await signIn(OWNER, PASSWORD).expect(200);
    const line = setCookieLine(res) as string;
    expect(line).toMatch(/^sy_session=[A-Za-z0-9_-]{43};/);
    expect(line).toContain('HttpOnly');
    expect(line).toContain('SameSite=Lax');
    expect(line).toContain('Path=/');
    expect(line).toContain(`Max-Age=${14 * 86_400}`);
    expect(line).not.toContain('Secure');
    // The server keeps only a hash of the token.
    const token = (line.split(';', 1)[0] as string).split('=')[1] as string;
    const stored = await app.db.query(
      'SELECT count(*)::int AS n FROM sessions WHERE token_hash = $1',
      [token],
    );
    expect(stored.rows[0].n).toBe(0);
    expect((await me(sessionCookie(res)).expect(200)).body.actor.email).toBe(OWNER);
  });

  it('signs in case-insensitively and out again (the session is deleted)', async () => {
    const res = await signIn('Owner@Switchyard.LOCAL', PASSWORD).expect(200);
    const cookie = sessionCookie(res);
    await me(cookie).expect(200);
    const before = await app.db.query('SELECT count(*)::int AS n FROM sessions');
    const out = await request(app.url).post('/api/auth/sign-out').set('Cookie', cookie).expect(204);
    expect(setCookieLine(out)).toMatch(/^sy_session=;/);
    const after = await app.db.query('SELECT count(*)::int AS n FROM sessions');
    expect(after.rows[0].n).toBe(before.rows[0].n - 1);
    const gone = await me(cookie);
    expect(gone.status).toBe(401);
    expect(gone.body.message).toBe('your session has ended: sign in again');
    expect((await request(app.url).get('/api/auth/me')).status).toBe(401);
  });

  it('gives one answer for a wrong e-mail and a wrong password', async () => {
    const wrongPassword = await signIn(OWNER, 'not the password');
    const wrongEmail = await signIn('nobody@example.com', PASSWORD);
    expect(wrongPassword.status).toBe(401);
    expect(wrongEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(wrongEmail.body);
    expect(wrongPassword.body.message).toBe('wrong e-mail or password');
    expect(setCookieLine(wrongPassword)).toBeUndefined();
    // A successful sign-in clears the failures counted so far.
    await signIn(OWNER, PASSWORD).expect(200);
  });

  it('throttles failed sign-ins per e-mail with 429 and Retry-After', async () => {
    const email = 'victim@example.com';
    for (let i = 0; i < 5; i += 1) expect((await signIn(email, `guess ${i}`)).status).toBe(401);
    const blocked = await signIn(email, 'guess 6');
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(blocked.body.message).toContain('too many failed sign-ins');
    // Another e-mail is not affected.
    await signIn(OWNER, PASSWORD).expect(200);
  });

  it('slides the session expiry forward, at most once a minute', async () => {
    const cookie = sessionCookie(await signIn(OWNER, PASSWORD).expect(200));
    const first = await me(cookie).expect(200);
    expect(setCookieLine(first)).toBeUndefined();
    const token = cookie.split('=')[1] as string;
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(token).digest('hex');
    await app.db.query(
      `UPDATE sessions SET last_seen_at = now() - interval '2 minutes', expires_at = now() + interval '1 hour' WHERE token_hash = $1`,
      [hash],
    );
    const renewed = await me(cookie).expect(200);
    expect(setCookieLine(renewed)).toContain(`Max-Age=${14 * 86_400}`);
    const row = await app.db.query(
      `SELECT expires_at > now() + interval '13 days' AS moved FROM sessions WHERE token_hash = $1`,
      [hash],
    );
    expect(row.rows[0].moved).toBe(true);
    await app.db.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [hash],
    );
    expect((await me(cookie)).status).toBe(401);
  });

  it('resets a password by a one-time link from the log and the mail, ending other sessions', async () => {
    const a = sessionCookie(await signIn(OWNER, PASSWORD).expect(200));
    const b = sessionCookie(await signIn(OWNER, PASSWORD).expect(200));
    const known = await request(app.url).post('/api/auth/password-reset').send({ email: OWNER });
    const unknown = await request(app.url)
      .post('/api/auth/password-reset')
      .send({ email: 'nobody@example.com' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    const link = await waitFor(
      async () =>
        /reset link for owner@switchyard\.local: (\S+\/reset#token=[A-Za-z0-9_-]+)/.exec(
          app.output(),
        )?.[1],
      10_000,
      'the reset link in the log',
    );
    expect(link.startsWith(`${app.url}/reset#token=`)).toBe(true);
    const mail = await waitFor(
      async () => smtp.messages.find((m) => m.to.includes(OWNER) && m.subject.startsWith('Reset')),
      10_000,
      'the reset e-mail',
    );
    expect(mail.text).toContain(link);
    expect(app.output()).not.toMatch(/reset link for nobody@example\.com/);
    const token = tokenOf(link);
    const NEW = 'a brand new passphrase';
    const done = await request(app.url).post('/api/auth/reset').send({ token, password: NEW });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await me(a)).status).toBe(401);
    expect((await me(b)).status).toBe(401);
    await me(sessionCookie(done)).expect(200);
    expect((await signIn(OWNER, PASSWORD)).status).toBe(401);
    owner = sessionCookie(await signIn(OWNER, NEW).expect(200));
    expect(
      (await request(app.url).post('/api/auth/reset').send({ token, password: NEW })).status,
    ).toBe(400);
    // A reset token does not accept an invite.
    const other = await request(app.url)
      .post('/api/auth/accept-invite')
      .send({ token, password: NEW });
    expect(other.status).toBe(400);
  });

  it('invites a marketer, who joins with a password; roles change and members leave', async () => {
    const ownerCaller = new Caller(app, { cookie: owner });
    const marketer = await memberSession(app, ownerCaller, 'Mia@Example.com', 'marketer');
    expect(app.output()).toMatch(/invite link for Mia@Example\.com: \S+\/invite#token=/);
    await waitFor(
      async () =>
        smtp.messages.find((m) => m.to.some((to) => to.toLowerCase() === 'mia@example.com')),
      10_000,
      'the invite e-mail',
    );
    const who = await me(marketer.cookie).expect(200);
    expect(who.body.actor).toMatchObject({ type: 'user', role: 'marketer' });
    const members = await ownerCaller.get('/api/members').expect(200);
    expect(
      members.body.map((m: { email: string; role: string; status: string }) => [
        m.email,
        m.role,
        m.status,
      ]),
    ).toEqual([
      [OWNER, 'owner', 'active'],
      ['Mia@Example.com', 'marketer', 'active'],
    ]);
    // The same e-mail, any case, cannot be invited twice once it has joined.
    const twice = await ownerCaller.post('/api/invites', {
      email: 'mia@example.COM',
      role: 'viewer',
    });
    expect(twice.status).toBe(409);
    // A marketer does not manage people.
    const denied = await new Caller(app, { cookie: marketer.cookie }).get('/api/members');
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain('needs the owner role');
    // Made a viewer, the same session can no longer write.
    await ownerCaller.call('patch', `/api/members/${marketer.id}`, { role: 'viewer' }).expect(200);
    const write = await new Caller(app, { cookie: marketer.cookie }).post('/api/segments', {
      name: 'x',
      rule: { attribute: 'plan', op: 'eq', value: 'pro' },
    });
    expect(write.status).toBe(403);
    expect(write.body.message).toBe(
      'this needs the marketer role or higher; you are signed in as viewer',
    );
    // Removed, the session ends.
    const removed = await ownerCaller.call('delete', `/api/members/${marketer.id}`).expect(200);
    expect(removed.body.email).toBe('Mia@Example.com');
    expect((await me(marketer.cookie)).status).toBe(401);
  });

  it('never removes or demotes the last owner', async () => {
    const ownerCaller = new Caller(app, { cookie: owner });
    const ownerId = (await me(owner).expect(200)).body.actor.id as string;
    const demote = await ownerCaller.call('patch', `/api/members/${ownerId}`, { role: 'marketer' });
    expect(demote.status).toBe(409);
    expect(demote.body.message).toContain('last owner');
    expect((await ownerCaller.call('delete', `/api/members/${ownerId}`)).status).toBe(409);
    // With a second owner, the first may step down.
    const second = await memberSession(app, ownerCaller, 'second@example.com', 'owner');
    await ownerCaller.call('patch', `/api/members/${ownerId}`, { role: 'marketer' }).expect(200);
    await new Caller(app, { cookie: second.cookie })
      .call('patch', `/api/members/${ownerId}`, { role: 'owner' })
      .expect(200);
  });

  it('prints a fresh owner link from the command line', async () => {
    const out = spawnSync(process.execPath, [join(repoRoot, 'server/dist/cli/owner-link.cli.js')], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: app.databaseUrl, PUBLIC_URL: app.url },
      encoding: 'utf8',
    });
    expect(out.status, out.stderr).toBe(0);
    const link = out.stdout.split('\n')[0] as string;
    expect(link).toMatch(new RegExp(`^${app.url}/reset#token=`));
    expect(out.stdout).toContain(`reset the password of ${OWNER}`);
    const done = await request(app.url)
      .post('/api/auth/reset')
      .send({ token: tokenOf(link), password: 'from the command line' });
    expect(done.status).toBe(200);
  });

  it('prints no new link after a restart, and marks the cookie Secure behind https', async () => {
    await app.stop();
    stopped = true;
    const again = await startSwitchyard({
      databaseUrl: app.databaseUrl,
      env: { PUBLIC_URL: 'https://switchyard.example.com' },
    });
    try {
      expect(again.output()).toContain('Switchyard is running');
      expect(setupLinkFromBanner(again.output())).toBeNull();
      expect(again.output()).toContain(`Owner  ${OWNER}`);
      const res = await request(again.url)
        .post('/api/auth/sign-in')
        .send({ email: OWNER, password: 'from the command line' })
        .expect(200);
      expect(setCookieLine(res)).toContain('Secure');
    } finally {
      await again.stop();
    }
  });
});
