import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ApiClient } from '../../api/api-client';
import { refreshStats } from '../store/editor.actions';
import { useEditorStore } from '../store/editor.store';

export const STATS_POLL_MS = 5000;

/**
 * Polls per-node counts every 5 s once the journey has a published version: the live
 * version's, or the version previewed from the history.
 */
export function useJourneyStats(api: ApiClient): void {
  const { journeyId, live, versionId } = useEditorStore(
    useShallow((s) => ({
      journeyId: s.journey?.id ?? null,
      live: Boolean(s.journey?.liveVersion),
      versionId: s.preview?.versionId,
    })),
  );
  const setStats = useEditorStore((s) => s.setStats);

  useEffect(() => {
    if (!journeyId || (!live && !versionId)) {
      setStats({ nodes: [] });
      return;
    }
    let stopped = false;
    const tick = () => {
      refreshStats(api, journeyId, versionId).catch(() => {
        // Counts are a nicety: a failed poll keeps the last numbers.
      });
    };
    tick();
    const timer = window.setInterval(() => !stopped && tick(), STATS_POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [api, journeyId, live, versionId, setStats]);
}
