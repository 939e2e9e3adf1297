import type { ApiKeyScope, MemberRole } from '@switchyard/contracts';

/** Who is calling: a person signed in with a session cookie, or an API key. */
export type Actor =
  | {
      kind: 'user';
      workspaceId: string;
      userId: string;
      email: string;
      role: MemberRole;
      sessionId: string;
    }
  | {
      kind: 'api_key';
      workspaceId: string;
      apiKeyId: string;
      name: string;
      scope: ApiKeyScope;
    };

/** The role an actor acts with; an ingest key has none (it only reaches /v1/*). */
export function actorRole(actor: Actor): MemberRole | null {
  switch (actor.kind) {
    case 'user':
      return actor.role;
    case 'api_key':
      return actor.scope === 'admin' ? 'owner' : null;
    default: {
      const never: never = actor;
      throw new Error(`unknown actor ${JSON.stringify(never)}`);
    }
  }
}

/** How the actor is named in the audit log. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.email;
    case 'api_key':
      return `API key "${actor.name}"`;
    default: {
      const never: never = actor;
      throw new Error(`unknown actor ${JSON.stringify(never)}`);
    }
  }
}
