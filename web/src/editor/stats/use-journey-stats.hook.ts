import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ApiClient } from '../../api/api-client';
import { refreshStats } from '../store/editor.actions';
import { useEditorStore } from '../store/editor.store';

export const STATS_POLL_MS = 5000;

/** Polls per-node counts every 5 s once the journey has a published (live) version. */
export function useJourneyStats(api: ApiClient): void {
  const { journeyId, live } = useEditorStore(
    useShallow((s) => ({
      journeyId: s.journey?.id ?? null,
      live: Boolean(s.journey?.liveVersion),
    })),
  );
  const setStats = useEditorStore((s) => s.setStats);

  useEffect(() => {
    if (!journeyId || !live) {
      setStats([]);
      return;
    }
    let stopped = false;
    const tick = () => {
      refreshStats(api, journeyId).catch(() => {
        // Counts are a nicety: a failed poll keeps the last numbers.
      });
    };
    tick();
    const timer = window.setInterval(() => !stopped && tick(), STATS_POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [api, journeyId, live, setStats]);
}
