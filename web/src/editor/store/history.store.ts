/**
 * Undo / redo over snapshots of the edited graph. Pure: the editor store keeps a
 * `History` value and calls these on every edit, undo and redo.
 *
 * An edit records the state *before* it. Edits that share a `mergeKey` and follow each
 * other within `mergeWindowMs` (typing in one field) make one step; so does a drag,
 * which is recorded once when it starts.
 */
export interface History<T> {
  past: T[];
  future: T[];
  lastKey: string | null;
  lastAt: number;
}

export interface RecordOptions {
  /** Edits with the same key in quick succession merge into one undo step. */
  mergeKey?: string;
  now?: number;
}

export const HISTORY_LIMIT = 100;
export const MERGE_WINDOW_MS = 1000;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [], lastKey: null, lastAt: 0 };
}

/** Remembers `before` (the state the edit is about to change); clears the redo list. */
export function record<T>(history: History<T>, before: T, options: RecordOptions = {}): History<T> {
  const now = options.now ?? Date.now();
  const key = options.mergeKey ?? null;
  const merges =
    key !== null &&
    key === history.lastKey &&
    now - history.lastAt <= MERGE_WINDOW_MS &&
    history.past.length > 0;
  if (merges) return { ...history, future: [], lastAt: now };
  const past = [...history.past, before].slice(-HISTORY_LIMIT);
  return { past, future: [], lastKey: key, lastAt: now };
}

/** Steps back: returns the state to show and the history with `current` on the redo list. */
export function undo<T>(history: History<T>, current: T): { history: History<T>; state: T } | null {
  const state = history.past.at(-1);
  if (state === undefined) return null;
  return {
    state,
    history: {
      past: history.past.slice(0, -1),
      future: [...history.future, current],
      lastKey: null,
      lastAt: 0,
    },
  };
}

/** Steps forward again after an undo. */
export function redo<T>(history: History<T>, current: T): { history: History<T>; state: T } | null {
  const state = history.future.at(-1);
  if (state === undefined) return null;
  return {
    state,
    history: {
      past: [...history.past, current],
      future: history.future.slice(0, -1),
      lastKey: null,
      lastAt: 0,
    },
  };
}

export const canUndo = (history: History<unknown>) => history.past.length > 0;
export const canRedo = (history: History<unknown>) => history.future.length > 0;
