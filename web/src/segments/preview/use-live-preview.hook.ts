import type { Rule } from '@switchyard/contracts';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../api/api-client';
import { api } from '../../app/api';
import {
  createPreviewScheduler,
  type PreviewScheduler,
  type PreviewState,
} from './preview-scheduler';

export const PREVIEW_DEBOUNCE_MS = 400;
const SAMPLE_SIZE = 8;

/** Count and sample of `rule`, re-counted 400 ms after it last changed. */
export function useLivePreview(rule: Rule | null, blockedReason: string) {
  const [preview, setPreview] = useState<PreviewState>({ state: 'idle' });
  const scheduler = useRef<PreviewScheduler | null>(null);

  useEffect(() => {
    const created = createPreviewScheduler({
      delayMs: PREVIEW_DEBOUNCE_MS,
      count: (r) => api.segments.preview({ rule: r, sampleSize: SAMPLE_SIZE }),
      onState: setPreview,
      describeError,
    });
    scheduler.current = created;
    return () => {
      created.dispose();
      scheduler.current = null;
    };
  }, []);

  const ruleJson = rule ? JSON.stringify(rule) : null;
  useEffect(() => {
    // Keyed by the rule's JSON: a re-render with an equal rule changes nothing.
    scheduler.current?.update(rule, blockedReason);
  }, [ruleJson, blockedReason]);

  return { preview, refresh: () => scheduler.current?.refresh(rule) };
}
