import type { MemberRole } from '@switchyard/contracts';
import { type Actor, actorRole } from './actor.types.js';

const RANK: Record<MemberRole, number> = { viewer: 0, marketer: 1, owner: 2 };

/** Owner ⊃ marketer ⊃ viewer. */
export function roleAllows(actual: MemberRole, needed: MemberRole): boolean {
  return RANK[actual] >= RANK[needed];
}

/** Without an explicit requirement: reading needs a viewer, anything else a marketer. */
export function defaultRoleFor(method: string): MemberRole {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 'viewer' : 'marketer';
}

/** The Segment-compatible ingest surface, the only routes an `ingest` key may call. */
export function isIngestRoute(path: string): boolean {
  return path.startsWith('/v1/');
}

export type AccessDecision = { allowed: true } | { allowed: false; message: string };

/**
 * Whether `actor` may call a route whose requirement is `needed`. An `ingest` key reaches
 * the /v1/* routes and nothing else; an `admin` key acts as an owner; a person needs a
 * role at least as high as the route's.
 */
export function decideAccess(actor: Actor, path: string, needed: MemberRole): AccessDecision {
  if (actor.kind === 'api_key' && actor.scope === 'ingest')
    return isIngestRoute(path)
      ? { allowed: true }
      : {
          allowed: false,
          message: `this API key has the "ingest" scope: it may only call the /v1/* ingest routes (${path} needs an "admin" key or a signed-in ${needed})`,
        };
  const role = actorRole(actor);
  if (role && roleAllows(role, needed)) return { allowed: true };
  return {
    allowed: false,
    message: `this needs the ${needed} role${needed === 'owner' ? '' : ' or higher'}; you are signed in as ${role ?? 'nobody'}`,
  };
}
