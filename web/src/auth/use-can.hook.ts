import type { MemberRole } from '@switchyard/contracts';
import { can } from './role';
import { useSessionStore } from './session.store';

/** True when the signed-in actor's role reaches `needed` (to hide what it may not use). */
export function useCan(needed: MemberRole): boolean {
  return useSessionStore((s) => can(s.me, needed));
}
