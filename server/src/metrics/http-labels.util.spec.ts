import { describe, expect, it } from 'vitest';
import {
  httpLabels,
  normaliseMethod,
  normaliseRoute,
  UNMATCHED_ROUTE,
} from './http-labels.util.js';

describe('HTTP metric labels', () => {
  it('uses the route pattern, never the raw URL', () => {
    expect(httpLabels('get', '/api/segments/:id', 200)).toEqual({
      method: 'GET',
      route: '/api/segments/:id',
      status: '200',
    });
  });

  it('labels a request that matched no route as unmatched', () => {
    expect(normaliseRoute(undefined)).toBe(UNMATCHED_ROUTE);
    expect(normaliseRoute('')).toBe(UNMATCHED_ROUTE);
    expect(httpLabels('POST', undefined, 404).route).toBe('unmatched');
  });

  it('drops parameter regular expressions and trailing slashes', () => {
    expect(normaliseRoute('/api/imports/:id(\\d+)')).toBe('/api/imports/:id');
    expect(normaliseRoute('/a/:x(^[a-z]{2}(-[a-z]+)?$)/b')).toBe('/a/:x/b');
    expect(normaliseRoute('/api/segments/')).toBe('/api/segments');
    expect(normaliseRoute('/api/journeys/:id/versions/:versionId?')).toBe(
      '/api/journeys/:id/versions/:versionId?',
    );
    expect(normaliseRoute('/files/:name(^\\w+\\(x\\)$).png')).toBe('/files/:name.png');
    expect(normaliseRoute('/plain(paren)')).toBe('/plain(paren)');
    expect(normaliseRoute('/')).toBe('/');
    expect(normaliseRoute('/*')).toBe('/*');
    expect(normaliseRoute('metrics')).toBe('/metrics');
  });

  it('caps an overlong pattern', () => {
    const route = normaliseRoute(`/${'x'.repeat(500)}`);
    expect(route.length).toBe(201);
    expect(route.endsWith('…')).toBe(true);
  });

  it('keeps known methods and folds the rest into OTHER', () => {
    for (const m of ['get', 'HEAD', 'Post', 'put', 'patch', 'delete', 'options'])
      expect(normaliseMethod(m)).toBe(m.toUpperCase());
    expect(normaliseMethod('PROPFIND')).toBe('OTHER');
    expect(normaliseMethod('')).toBe('OTHER');
  });

  it('keeps real status codes and marks anything else unknown', () => {
    expect(httpLabels('GET', '/x', 503).status).toBe('503');
    expect(httpLabels('GET', '/x', 0).status).toBe('unknown');
    expect(httpLabels('GET', '/x', 700).status).toBe('unknown');
  });
});
