import { describe, expect, it } from 'vitest';
import { parseRoute, routePath, type Route } from './routes';

describe('routes', () => {
  it('parses every page', () => {
    expect(parseRoute('/')).toEqual({ page: 'journeys' });
    expect(parseRoute('/journeys')).toEqual({ page: 'journeys' });
    expect(parseRoute('/journeys/abc-1')).toEqual({ page: 'journey-editor', journeyId: 'abc-1' });
    expect(parseRoute('/segments/')).toEqual({ page: 'segments' });
    expect(parseRoute('/segments/new')).toEqual({ page: 'segment-new' });
    expect(parseRoute('/nope/x/y')).toEqual({ page: 'not-found', path: '/nope/x/y' });
  });

  it('round-trips paths', () => {
    const routes: Route[] = [
      { page: 'journeys' },
      { page: 'journey-editor', journeyId: '1f0c' },
      { page: 'segments' },
      { page: 'segment-new' },
    ];
    for (const route of routes) expect(parseRoute(routePath(route))).toEqual(route);
  });
});
