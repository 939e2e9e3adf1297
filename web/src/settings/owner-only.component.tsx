import type { ReactNode } from 'react';
import { useCan } from '../auth/use-can.hook';

/** Settings are for owners (the server refuses the others too). */
export function OwnerOnly({ children }: { children: ReactNode }) {
  const isOwner = useCan('owner');
  if (isOwner) return <>{children}</>;
  return (
    <div className="page">
      <h1>Settings</h1>
      <p className="banner banner--warning" data-testid="owners-only">
        Only owners of the workspace can manage members, API keys, sending settings and the audit
        log.
      </p>
    </div>
  );
}
