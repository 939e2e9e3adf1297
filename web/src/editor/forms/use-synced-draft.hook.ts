import { useState } from 'react';

/**
 * A form's own draft of a stored value (half-typed rows, an incomplete rule) that follows
 * the stored value when it changes from elsewhere (undo, redo, a restored version).
 * `commit(draft, {value})` keeps the draft and, when a value is given, stores it.
 */
export function useSyncedDraft<V, D>(
  value: V,
  toDraft: (value: V) => D,
  store: (value: V) => void,
): [D, (draft: D, stored?: { value: V }) => void] {
  const basis = JSON.stringify(value) ?? '';
  const [state, setState] = useState(() => ({ draft: toDraft(value), basis }));
  let current = state;
  if (state.basis !== basis) {
    current = { draft: toDraft(value), basis };
    setState(current);
  }
  const commit = (draft: D, stored?: { value: V }) => {
    const nextBasis = stored ? (JSON.stringify(stored.value) ?? '') : current.basis;
    setState({ draft, basis: nextBasis });
    if (stored) store(stored.value);
  };
  return [current.draft, commit];
}
