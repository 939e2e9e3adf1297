import type { DeliveriesPage, ListedDeliveryStatus, MessageChannel } from '@switchyard/contracts';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../api/api-client';
import { api } from '../app/api';
import { usePollWhile } from '../shared/use-poll-while.hook';
import { useResource } from '../shared/use-resource.hook';
import { lastPageOffset, retriedAllNote, retriedNote, retryAllQuestion } from './deliveries-labels';
import { announceDeliveriesChanged } from './use-failed-count.hook';

export const PAGE_SIZE = 50;

export interface DeliveriesQuery {
  status: ListedDeliveryStatus;
  channel: MessageChannel | null;
  offset: number;
}

/** What the last retry came to: a note, or the server's reason for refusing it. */
export type RetryOutcome = { kind: 'done'; text: string } | { kind: 'error'; text: string };

const sameQuery = (a: DeliveriesQuery, b: DeliveriesQuery) =>
  a.status === b.status && a.channel === b.channel && a.offset === b.offset;

/** One journey step whose messages the page shows (from the canvas), or null for all. */
export type DeliveriesStep = { journeyId: string; stepId: string } | null;

/**
 * The Deliveries page's state: the tab, channel filter and page, the list for them (a
 * previous query's rows are never shown under another's tab), the workspace's counts
 * (kept while the next page loads), and the retries.
 */
export function useDeliveries(step: DeliveriesStep) {
  const [query, setQuery] = useState<DeliveriesQuery>({
    status: 'failed',
    channel: null,
    offset: 0,
  });
  const [result, reload] = useResource(
    async () => ({
      query,
      page: await api.deliveries.list({
        status: query.status,
        ...(query.channel ? { channel: query.channel } : {}),
        ...(step ?? {}),
        limit: PAGE_SIZE,
        offset: query.offset,
      }),
    }),
    [query, step?.journeyId, step?.stepId],
  );
  // The row being retried, or 'all'.
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<RetryOutcome | null>(null);

  const ready = result.state === 'ready' ? result.data : null;
  const page: DeliveriesPage | null = ready && sameQuery(ready.query, query) ? ready.page : null;
  const counts = ready?.page.counts ?? null;

  // Waiting messages go out or fail by themselves: follow them while there are any, and let
  // the navigation's failed count know when that count moved.
  const waitingNow = (counts?.pending ?? 0) > 0;
  const failedNow = counts?.failed ?? null;
  usePollWhile(waitingNow, reload);
  const seenFailed = useRef<number | null>(null);
  useEffect(() => {
    if (failedNow === null) return;
    if (seenFailed.current !== null && seenFailed.current !== failedNow)
      announceDeliveriesChanged();
    seenFailed.current = failedNow;
  }, [failedNow]);

  // Retries can empty the last page: show the last page that still has rows.
  useEffect(() => {
    if (!page || page.items.length > 0 || query.offset === 0) return;
    const offset = lastPageOffset(page.total, PAGE_SIZE);
    if (offset < query.offset) setQuery({ ...query, offset });
  }, [page, query]);

  const show = (next: Partial<DeliveriesQuery>) => {
    setOutcome(null);
    setQuery({ ...query, offset: 0, ...next });
  };

  /** A failed message sent again, or a waiting one sent now rather than at its next try. */
  const retry = async (deliveryId: string) => {
    const waited = page?.items.find((d) => d.id === deliveryId)?.status === 'pending';
    setBusy(deliveryId);
    setOutcome(null);
    try {
      const view = await api.deliveries.retry(deliveryId);
      setOutcome({ kind: 'done', text: retriedNote(view, waited ? 'now' : 'again') });
    } catch (error) {
      setOutcome({ kind: 'error', text: describeError(error) });
    } finally {
      setBusy(null);
      // Retried or not (a 409 means someone else did), the list is out of date.
      reload();
      announceDeliveriesChanged();
    }
  };

  const retryAll = async (count: number) => {
    if (!window.confirm(retryAllQuestion(count, query.channel))) return;
    setBusy('all');
    setOutcome(null);
    try {
      const done = await api.deliveries.retryAll({
        ...(query.channel ? { channel: query.channel } : {}),
        ...(step ?? {}),
      });
      setOutcome({ kind: 'done', text: retriedAllNote(done.retried, query.channel) });
    } catch (error) {
      setOutcome({ kind: 'error', text: describeError(error) });
    } finally {
      setBusy(null);
      reload();
      announceDeliveriesChanged();
    }
  };

  return {
    query,
    result,
    page,
    counts,
    reload,
    busy,
    outcome,
    showStatus: (status: ListedDeliveryStatus) => show({ status }),
    showChannel: (channel: MessageChannel | null) => show({ channel }),
    showOffset: (offset: number) => setQuery({ ...query, offset }),
    retry: (deliveryId: string) => void retry(deliveryId),
    retryAll: (count: number) => void retryAll(count),
  };
}
