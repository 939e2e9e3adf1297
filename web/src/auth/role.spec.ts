import type { MeView } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { fieldErrors } from './form-errors';
import { tokenFromHash } from './link-token';
import { can, describeActor, roleOf } from './role';
import { signInBodySchema } from '@switchyard/contracts';

const workspace = { id: 'w', name: 'Shop' };
const user = (role: 'owner' | 'marketer' | 'viewer'): MeView => ({
  actor: { type: 'user', id: 'u', email: 'a@b.c', role },
  workspace,
});

describe('roles in the web app', () => {
  it('lets each role use what its rank reaches', () => {
    expect(can(user('viewer'), 'viewer')).toBe(true);
    expect(can(user('viewer'), 'marketer')).toBe(false);
    expect(can(user('marketer'), 'marketer')).toBe(true);
    expect(can(user('marketer'), 'owner')).toBe(false);
    expect(can(user('owner'), 'owner')).toBe(true);
    expect(can(null, 'viewer')).toBe(false);
  });

  it('treats an admin key as an owner and an ingest key as nobody', () => {
    const admin: MeView = {
      actor: { type: 'api_key', id: 'k', name: 'ci', scope: 'admin', role: 'owner' },
      workspace,
    };
    const ingest: MeView = {
      actor: { type: 'api_key', id: 'k', name: 'web', scope: 'ingest', role: null },
      workspace,
    };
    expect(roleOf(admin)).toBe('owner');
    expect(can(ingest, 'viewer')).toBe(false);
    expect(describeActor(admin)).toBe('API key "ci" · admin');
    expect(describeActor(user('viewer'))).toBe('a@b.c · viewer');
  });
});

describe('link tokens and form errors', () => {
  it('reads the token from a link fragment', () => {
    const token = 'A'.repeat(43);
    expect(tokenFromHash(`#token=${token}`)).toBe(token);
    expect(tokenFromHash('#token=short')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#key=sk_x')).toBeNull();
  });

  it('names the first problem of each field from the contract', () => {
    expect(fieldErrors(signInBodySchema, { email: 'nope', password: '' })).toEqual({
      email: 'must be an e-mail address',
      password: 'must not be empty',
    });
    expect(fieldErrors(signInBodySchema, { email: 'a@b.co', password: 'x' })).toEqual({});
  });
});
