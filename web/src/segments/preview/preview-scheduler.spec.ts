import type { Rule, SegmentPreview } from '@switchyard/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPreviewScheduler, type PreviewState } from './preview-scheduler';

const rule = (value: number): Rule => ({ attribute: 'age', op: 'gt', value });
const preview = (count: number): SegmentPreview => ({ count, asOf: '2024-01-01', sample: [] });

describe('preview scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const states: PreviewState[] = [];
    const resolvers: ((p: SegmentPreview) => void)[] = [];
    const count = vi.fn(
      (_rule: Rule) => new Promise<SegmentPreview>((resolve) => resolvers.push(resolve)),
    );
    const scheduler = createPreviewScheduler({
      delayMs: 400,
      count,
      onState: (s) => states.push(s),
      describeError: String,
    });
    return { states, resolvers, count, scheduler };
  }

  it('waits for 400 ms of quiet and counts only the latest rule', async () => {
    const { states, resolvers, count, scheduler } = setup();
    scheduler.update(rule(1), '');
    vi.advanceTimersByTime(200);
    scheduler.update(rule(2), '');
    vi.advanceTimersByTime(399);
    expect(count).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(count).toHaveBeenCalledExactlyOnceWith(rule(2));
    resolvers[0]?.(preview(7));
    await vi.runAllTimersAsync();
    expect(states.at(-1)).toEqual({ state: 'done', preview: preview(7) });
    expect(states.filter((s) => s.state === 'counting')).toHaveLength(2);
  });

  it('drops an answer that arrives after a newer rule', async () => {
    const { states, resolvers, scheduler } = setup();
    scheduler.update(rule(1), '');
    vi.advanceTimersByTime(400);
    scheduler.update(rule(2), '');
    vi.advanceTimersByTime(400);
    resolvers[1]?.(preview(2));
    resolvers[0]?.(preview(1));
    await vi.runAllTimersAsync();
    expect(states.filter((s) => s.state === 'done')).toEqual([
      { state: 'done', preview: preview(2) },
    ]);
  });

  it('reports an incomplete rule at once, skips unchanged rules and refreshes on demand', () => {
    const { states, count, scheduler } = setup();
    scheduler.update(null, 'Trait must not be empty');
    expect(states).toEqual([{ state: 'blocked', reason: 'Trait must not be empty' }]);
    scheduler.update(rule(1), '');
    vi.advanceTimersByTime(400);
    scheduler.update(rule(1), '');
    vi.advanceTimersByTime(400);
    expect(count).toHaveBeenCalledOnce();
    scheduler.refresh(rule(1));
    expect(count).toHaveBeenCalledTimes(2);
    scheduler.dispose();
  });

  it('shows errors', async () => {
    const states: PreviewState[] = [];
    const scheduler = createPreviewScheduler({
      delayMs: 400,
      count: () => Promise.reject(new Error('rule.all[0].op: bad')),
      onState: (s) => states.push(s),
      describeError: (e) => (e as Error).message,
    });
    scheduler.update(rule(1), '');
    await vi.runAllTimersAsync();
    expect(states.at(-1)).toEqual({ state: 'error', message: 'rule.all[0].op: bad' });
  });
});
