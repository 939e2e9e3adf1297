import { describe, expect, it, vi } from 'vitest';
import { createCatalogStore } from './catalog.store';

function fakeApi() {
  return {
    catalog: {
      traits: vi.fn(async () => ({
        sampled: 1,
        traits: [{ name: 'plan', type: 'string' as const, seen: 1, samples: ['gold'] }],
      })),
      events: vi.fn(async () => ({ events: [{ name: 'Visit', count: 3, capped: false }] })),
      properties: vi.fn(async (event: string) => {
        if (event === 'Broken') throw new Error('boom');
        return { event, sampled: 1, properties: [] };
      }),
    },
    segments: {
      list: vi.fn(async () => []),
      get: vi.fn(),
      create: vi.fn(),
      update: vi.fn(),
      remove: vi.fn(),
      preview: vi.fn(),
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('catalog store', () => {
  it('loads each list once and keeps properties per event', async () => {
    const api = fakeApi();
    const store = createCatalogStore(api);
    store.getState().loadTraits();
    store.getState().loadTraits();
    store.getState().loadProperties('Visit');
    store.getState().loadProperties(' Visit ');
    store.getState().loadProperties('Broken');
    store.getState().loadProperties('');
    expect(store.getState().traits).toEqual({ state: 'loading' });
    await settle();
    expect(api.catalog.traits).toHaveBeenCalledOnce();
    expect(api.catalog.properties.mock.calls).toEqual([['Visit'], ['Broken']]);
    expect(store.getState().traits).toMatchObject({ state: 'ready', data: [{ name: 'plan' }] });
    expect(store.getState().properties['Visit']).toEqual({ state: 'ready', data: [] });
    expect(store.getState().properties['Broken']).toEqual({ state: 'error', message: 'boom' });
    store.getState().reset();
    expect(store.getState().traits).toEqual({ state: 'idle' });
  });
});
