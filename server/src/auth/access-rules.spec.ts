import { describe, expect, it } from 'vitest';
import { decideAccess, defaultRoleFor, isIngestRoute, roleAllows } from './access-rules.js';
import type { Actor } from './actor.types.js';

const user = (role: 'owner' | 'marketer' | 'viewer'): Actor => ({
  kind: 'user',
  workspaceId: 'w',
  userId: 'u',
  email: 'a@b.c',
  role,
  sessionId: 's',
});
const key = (scope: 'ingest' | 'admin'): Actor => ({
  kind: 'api_key',
  workspaceId: 'w',
  apiKeyId: 'k',
  name: 'k',
  scope,
});

describe('role rules', () => {
  it('orders owner over marketer over viewer', () => {
    expect(roleAllows('owner', 'owner')).toBe(true);
    expect(roleAllows('owner', 'viewer')).toBe(true);
    expect(roleAllows('marketer', 'viewer')).toBe(true);
    expect(roleAllows('marketer', 'marketer')).toBe(true);
    expect(roleAllows('marketer', 'owner')).toBe(false);
    expect(roleAllows('viewer', 'marketer')).toBe(false);
  });

  it('asks a viewer for reads and a marketer for writes by default', () => {
    expect(defaultRoleFor('GET')).toBe('viewer');
    expect(defaultRoleFor('head')).toBe('viewer');
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE'])
      expect(defaultRoleFor(method)).toBe('marketer');
  });

  it('gives each role exactly its routes', () => {
    const matrix = (['viewer', 'marketer', 'owner'] as const).map((role) =>
      (['viewer', 'marketer', 'owner'] as const).map(
        (needed) => decideAccess(user(role), '/api/x', needed).allowed,
      ),
    );
    expect(matrix).toEqual([
      [true, false, false],
      [true, true, false],
      [true, true, true],
    ]);
  });

  it('names the role needed when refusing', () => {
    const refused = decideAccess(user('viewer'), '/api/segments', 'marketer');
    expect(refused).toEqual({
      allowed: false,
      message: 'this needs the marketer role or higher; you are signed in as viewer',
    });
    const owner = decideAccess(user('marketer'), '/api/members', 'owner');
    expect(owner.allowed === false && owner.message).toBe(
      'this needs the owner role; you are signed in as marketer',
    );
  });

  it('lets an ingest key reach /v1/* only, and an admin key everything', () => {
    expect(isIngestRoute('/v1/track')).toBe(true);
    expect(isIngestRoute('/api/v1/track')).toBe(false);
    expect(decideAccess(key('ingest'), '/v1/batch', 'owner').allowed).toBe(true);
    const refused = decideAccess(key('ingest'), '/api/segments', 'viewer');
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.message).toContain('"ingest" scope');
    expect(decideAccess(key('admin'), '/api/members', 'owner').allowed).toBe(true);
    expect(decideAccess(key('admin'), '/v1/track', 'owner').allowed).toBe(true);
  });
});
