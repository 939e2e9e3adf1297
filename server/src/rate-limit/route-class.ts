/**
 * Which limits a request gets: `ingest` (/v1/*: Segment's tracking API), `import`
 * (POST /api/imports: counted as ingest traffic, streamed, no handler time limit) or
 * `admin` (everything else).
 */
export type RouteClass = 'ingest' | 'import' | 'admin';

export function routeClass(method: string, url: string): RouteClass {
  const path = url.split('?', 1)[0] ?? url;
  if (path.startsWith('/v1/')) return 'ingest';
  if (method === 'POST' && (path === '/api/imports' || path === '/api/imports/')) return 'import';
  return 'admin';
}
