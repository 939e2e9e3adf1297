import type { MemberRole } from '@switchyard/contracts';
import request, { type Response } from 'supertest';
import { expect } from 'vitest';
import type { RunningSwitchyard } from './switchyard.harness.js';

export const SESSION_COOKIE = 'sy_session';

/** The raw Set-Cookie line of the session cookie in a response. */
export function setCookieLine(res: Response): string | undefined {
  const header = res.headers['set-cookie'] as unknown;
  const lines = Array.isArray(header) ? (header as string[]) : header ? [String(header)] : [];
  return lines.find((line) => line.startsWith(`${SESSION_COOKIE}=`));
}

/** `sy_session=<token>` to send back as a Cookie header. */
export function sessionCookie(res: Response): string {
  const line = setCookieLine(res);
  if (!line) throw new Error(`no session cookie in the answer (${res.status})`);
  return line.split(';', 1)[0] as string;
}

/** The token of a `/setup#token=`, `/reset#token=` or `/invite#token=` link. */
export function tokenOf(link: string): string {
  const token = new URL(link).hash.replace(/^#token=/, '');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

/** The owner's one-time setup link from the start banner. */
export function setupLinkFromBanner(output: string): string | null {
  return /Setup {2}(\S+\/setup#token=[A-Za-z0-9_-]+)/.exec(output)?.[1] ?? null;
}

/** Requests as a signed-in person (cookie) or an API key (Bearer). */
export class Caller {
  constructor(
    private readonly app: RunningSwitchyard,
    private readonly auth: { cookie: string } | { key: string },
  ) {}

  private headers(): Record<string, string> {
    return 'cookie' in this.auth
      ? { Cookie: this.auth.cookie }
      : { Authorization: `Bearer ${this.auth.key}` };
  }

  call(method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string, body?: unknown) {
    const req = request(this.app.url)[method](path).set(this.headers());
    return body === undefined ? req : req.send(body as object);
  }

  get(path: string) {
    return this.call('get', path);
  }

  post(path: string, body: unknown = {}) {
    return this.call('post', path, body);
  }
}

/** Completes the banner's setup link with `password`; returns the owner's session cookie. */
export async function setUpOwner(app: RunningSwitchyard, password: string): Promise<string> {
  const link = setupLinkFromBanner(app.output());
  if (!link) throw new Error(`no setup link in the banner:\n${app.output()}`);
  const res = await request(app.url)
    .post('/api/auth/setup')
    .send({ token: tokenOf(link), password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return sessionCookie(res);
}

/** Invites `email` with `role` (as `owner`), accepts the invite; returns their cookie. */
export async function memberSession(
  app: RunningSwitchyard,
  owner: Caller,
  email: string,
  role: MemberRole,
  password = 'a long enough password',
): Promise<{ cookie: string; id: string }> {
  const invite = await owner.post('/api/invites', { email, role });
  expect(invite.status, JSON.stringify(invite.body)).toBe(201);
  const accepted = await request(app.url)
    .post('/api/auth/accept-invite')
    .send({ token: tokenOf(invite.body.link), password });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return { cookie: sessionCookie(accepted), id: invite.body.member.id as string };
}
