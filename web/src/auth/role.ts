import type { MeView, MemberRole } from '@switchyard/contracts';

const RANK: Record<MemberRole, number> = { viewer: 0, marketer: 1, owner: 2 };

/** The role the signed-in actor acts with: an admin key is an owner, an ingest key none. */
export function roleOf(me: MeView | null): MemberRole | null {
  if (!me) return null;
  switch (me.actor.type) {
    case 'user':
      return me.actor.role;
    case 'api_key':
      return me.actor.role;
    default: {
      const never: never = me.actor;
      throw new Error(`unknown actor ${JSON.stringify(never)}`);
    }
  }
}

/** Whether the actor may use what needs `needed` (the server decides; this hides buttons). */
export function can(me: MeView | null, needed: MemberRole): boolean {
  const role = roleOf(me);
  return role !== null && RANK[role] >= RANK[needed];
}

/** "Ada (owner)" or "API key "ci" (admin)": who is signed in, for the shell. */
export function describeActor(me: MeView): string {
  switch (me.actor.type) {
    case 'user':
      return `${me.actor.email} · ${me.actor.role}`;
    case 'api_key':
      return `API key "${me.actor.name}" · ${me.actor.scope}`;
    default: {
      const never: never = me.actor;
      throw new Error(`unknown actor ${JSON.stringify(never)}`);
    }
  }
}
