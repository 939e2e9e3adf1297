import type { Rule, SegmentPreview } from '@switchyard/contracts';

export type PreviewState =
  | { state: 'idle' }
  /** The rule is incomplete: no count until `reason` is fixed. */
  | { state: 'blocked'; reason: string }
  | { state: 'counting'; previous: SegmentPreview | null }
  | { state: 'done'; preview: SegmentPreview }
  | { state: 'error'; message: string };

export interface PreviewSchedulerOptions {
  delayMs: number;
  count: (rule: Rule) => Promise<SegmentPreview>;
  onState: (state: PreviewState) => void;
  describeError: (error: unknown) => string;
}

/**
 * Live count for the builder: each change waits `delayMs` of quiet before one request, and
 * only the answer to the latest rule is shown (older answers arriving late are dropped).
 */
export function createPreviewScheduler(options: PreviewSchedulerOptions) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let generation = 0;
  let lastRuleJson: string | null = null;
  let last: SegmentPreview | null = null;

  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const run = (rule: Rule, ticket: number) => {
    options.count(rule).then(
      (preview) => {
        if (ticket !== generation) return;
        last = preview;
        options.onState({ state: 'done', preview });
      },
      (error: unknown) => {
        if (ticket === generation)
          options.onState({ state: 'error', message: options.describeError(error) });
      },
    );
  };

  return {
    /** A new rule (or why there is none yet). Unchanged rules are not counted again. */
    update(rule: Rule | null, blockedReason: string) {
      const json = rule ? JSON.stringify(rule) : null;
      if (json !== null && json === lastRuleJson) return;
      lastRuleJson = json;
      clear();
      const ticket = ++generation;
      if (!rule) {
        options.onState({ state: 'blocked', reason: blockedReason });
        return;
      }
      options.onState({ state: 'counting', previous: last });
      timer = setTimeout(() => {
        timer = null;
        run(rule, ticket);
      }, options.delayMs);
    },
    /** Count the current rule now (the "Refresh" button), e.g. after new data arrived. */
    refresh(rule: Rule | null) {
      if (!rule) return;
      clear();
      lastRuleJson = JSON.stringify(rule);
      const ticket = ++generation;
      options.onState({ state: 'counting', previous: last });
      run(rule, ticket);
    },
    dispose() {
      clear();
      generation++;
    },
  };
}

export type PreviewScheduler = ReturnType<typeof createPreviewScheduler>;
