import { useEffect, useState } from 'react';
import { api } from '../app/api';

/** How often the navigation asks how many messages failed. */
const POLL_MS = 60_000;
/** Fired after messages were sent again, so the count follows at once. */
const CHANGED = 'switchyard:deliveries-changed';

/** Tells the navigation's count that messages were retried. */
export function announceDeliveriesChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/**
 * The workspace's messages that failed for good, for the navigation: read on mount, when
 * `page` changes, after retries, and every minute. Null until known, or when it cannot be
 * read (the badge is a hint, not a page: it says nothing rather than an error).
 */
export function useFailedDeliveries(page: string): number | null {
  const [failed, setFailed] = useState<number | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = () =>
      api.deliveries.list({ status: 'failed', limit: 1 }).then(
        (result) => !stopped && setFailed(result.counts.failed),
        () => undefined,
      );
    void load();
    const timer = window.setInterval(() => void load(), POLL_MS);
    window.addEventListener(CHANGED, load);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.removeEventListener(CHANGED, load);
    };
  }, [page]);
  return failed;
}
