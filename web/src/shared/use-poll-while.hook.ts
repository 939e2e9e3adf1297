import { useEffect } from 'react';

/**
 * While messages wait, the pages showing them (Deliveries, a customer's journeys) read them
 * again this often: they go out or fail on their own, and "next try in …" counts down.
 */
export const WAITING_POLL_MS = 3000;

/** Calls `poll` every `everyMs` while `active`; stops when it turns false or on unmount. */
export function usePollWhile(active: boolean, poll: () => void, everyMs = WAITING_POLL_MS): void {
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(poll, everyMs);
    return () => window.clearInterval(timer);
  }, [active, poll, everyMs]);
}
