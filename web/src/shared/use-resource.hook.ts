import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: T };

/** Loads data with `load` whenever `deps` change; `reload` fetches again. */
export function useResource<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): [Resource<T>, () => void] {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  // `deps` stand in for what `load` closes over, as with useMemo.
  const stableLoad = useCallback(load, deps);

  useEffect(() => {
    let cancelled = false;
    stableLoad().then(
      (data) => !cancelled && setResource({ state: 'ready', data }),
      (error: unknown) => !cancelled && setResource({ state: 'error', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [stableLoad, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [resource, reload];
}
