import type { CatalogEvent, CatalogField, SegmentView } from '@switchyard/contracts';
import { useEffect } from 'react';
import { useCatalogStore } from './catalog';
import type { Loadable } from './catalog.store';

/** Traits seen in the workspace (loaded on first use). */
export function useTraits(): Loadable<CatalogField[]> {
  const traits = useCatalogStore((s) => s.traits);
  const load = useCatalogStore((s) => s.loadTraits);
  useEffect(load, [load]);
  return traits;
}

/** Event names seen in the workspace (loaded on first use). */
export function useEvents(): Loadable<CatalogEvent[]> {
  const events = useCatalogStore((s) => s.events);
  const load = useCatalogStore((s) => s.loadEvents);
  useEffect(load, [load]);
  return events;
}

/** Properties of `event` (loaded once the name is typed or picked). */
export function useEventProperties(event: string): Loadable<CatalogField[]> {
  const name = event.trim();
  const properties = useCatalogStore((s) => s.properties[name]);
  const load = useCatalogStore((s) => s.loadProperties);
  useEffect(() => load(name), [load, name]);
  return properties ?? { state: 'idle' };
}

/** The workspace's segments, for "in another segment" and group members. */
export function useSegmentList(): Loadable<SegmentView[]> {
  const segments = useCatalogStore((s) => s.segments);
  const load = useCatalogStore((s) => s.loadSegments);
  useEffect(load, [load]);
  return segments;
}
