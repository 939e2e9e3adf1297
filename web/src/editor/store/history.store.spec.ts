import { describe, expect, it } from 'vitest';
import {
  canRedo,
  canUndo,
  emptyHistory,
  HISTORY_LIMIT,
  MERGE_WINDOW_MS,
  record,
  redo,
  undo,
} from './history.store';

describe('history', () => {
  it('undoes and redoes edits in order', () => {
    let h = emptyHistory<number>();
    h = record(h, 0, { now: 1 });
    h = record(h, 1, { now: 2 });
    // current state is 2
    const u1 = undo(h, 2);
    expect(u1?.state).toBe(1);
    const u2 = u1 && undo(u1.history, u1.state);
    expect(u2?.state).toBe(0);
    expect(u2 && canUndo(u2.history)).toBe(false);
    expect(u2 && undo(u2.history, 0)).toBeNull();
    const r1 = u2 && redo(u2.history, u2.state);
    expect(r1?.state).toBe(1);
    const r2 = r1 && redo(r1.history, r1.state);
    expect(r2?.state).toBe(2);
    expect(r2 && canRedo(r2.history)).toBe(false);
  });

  it('a new edit after an undo drops the redo list', () => {
    let h = record(emptyHistory<string>(), 'a', { now: 1 });
    const u = undo(h, 'b');
    expect(u && canRedo(u.history)).toBe(true);
    h = record(u?.history ?? h, 'a', { now: 5 });
    expect(canRedo(h)).toBe(false);
    expect(h.past).toEqual(['a']);
  });

  it('merges edits with the same key within the window (typing in one field)', () => {
    let h = emptyHistory<string>();
    h = record(h, '', { mergeKey: 'config:a', now: 1000 });
    h = record(h, 'H', { mergeKey: 'config:a', now: 1200 });
    h = record(h, 'Hi', { mergeKey: 'config:a', now: 1400 });
    expect(h.past).toEqual(['']);
    h = record(h, 'Hi!', { mergeKey: 'config:a', now: 1400 + MERGE_WINDOW_MS + 1 });
    expect(h.past).toEqual(['', 'Hi!']);
    h = record(h, 'x', { mergeKey: 'config:b', now: 1400 + MERGE_WINDOW_MS + 2 });
    expect(h.past).toHaveLength(3);
    // An undo ends the merge: the next edit is a step of its own.
    const u = undo(h, 'y');
    h = record(u?.history ?? h, 'x', { mergeKey: 'config:b', now: 1400 + MERGE_WINDOW_MS + 3 });
    expect(h.past).toHaveLength(3);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) h = record(h, i, { now: i });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(20);
  });
});
