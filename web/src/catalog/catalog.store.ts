import type { CatalogEvent, CatalogField, SegmentView } from '@switchyard/contracts';
import { create } from 'zustand';
import type { ApiClient } from '../api/api-client';

/** A list the builder offers in its pickers, loaded once per page visit. */
export type Loadable<T> =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  | { state: 'error'; message: string };

export interface CatalogState {
  traits: Loadable<CatalogField[]>;
  events: Loadable<CatalogEvent[]>;
  /** Properties by event name. */
  properties: Record<string, Loadable<CatalogField[]>>;
  segments: Loadable<SegmentView[]>;
}

export interface CatalogActions {
  loadTraits: () => void;
  loadEvents: () => void;
  loadProperties: (event: string) => void;
  loadSegments: () => void;
  /** Forget everything (new data may have arrived, or another key signed in). */
  reset: () => void;
}

const initial: CatalogState = {
  traits: { state: 'idle' },
  events: { state: 'idle' },
  properties: {},
  segments: { state: 'idle' },
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The catalog (traits, events, event properties) and segment list, shared by every row. */
export function createCatalogStore(api: Pick<ApiClient, 'catalog' | 'segments'>) {
  return create<CatalogState & CatalogActions>()((set, get) => {
    function load<K extends 'traits' | 'events' | 'segments'>(
      key: K,
      fetch: () => Promise<CatalogState[K] extends Loadable<infer T> ? T : never>,
    ) {
      if (get()[key].state !== 'idle') return;
      set({ [key]: { state: 'loading' } } as Partial<CatalogState>);
      fetch().then(
        (data) => set({ [key]: { state: 'ready', data } } as Partial<CatalogState>),
        (error: unknown) =>
          set({ [key]: { state: 'error', message: message(error) } } as Partial<CatalogState>),
      );
    }
    return {
      ...initial,
      loadTraits: () => load('traits', async () => (await api.catalog.traits()).traits),
      loadEvents: () => load('events', async () => (await api.catalog.events()).events),
      loadSegments: () => load('segments', () => api.segments.list()),
      loadProperties: (event) => {
        const name = event.trim();
        if (name === '' || get().properties[name]) return;
        const put = (value: Loadable<CatalogField[]>) =>
          set((s) => ({ properties: { ...s.properties, [name]: value } }));
        put({ state: 'loading' });
        api.catalog.properties(name).then(
          (result) => put({ state: 'ready', data: result.properties }),
          (error: unknown) => put({ state: 'error', message: message(error) }),
        );
      },
      reset: () => set(initial),
    };
  });
}

export type CatalogStore = ReturnType<typeof createCatalogStore>;

/** The data of a loadable, or an empty list while it loads or failed. */
export function listOf<T>(loadable: Loadable<T[]>): T[] {
  return loadable.state === 'ready' ? loadable.data : [];
}
