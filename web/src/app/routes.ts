/** The app's pages. Paths use the History API; the server falls back to index.html. */
export type Route =
  | { page: 'journeys' }
  | { page: 'journey-editor'; journeyId: string }
  | { page: 'segments' }
  | { page: 'segment-new' }
  | { page: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  if (first === undefined) return { page: 'journeys' };
  if (first === 'journeys' && rest.length === 0) {
    return second === undefined
      ? { page: 'journeys' }
      : { page: 'journey-editor', journeyId: second };
  }
  if (first === 'segments' && rest.length === 0) {
    if (second === undefined) return { page: 'segments' };
    if (second === 'new') return { page: 'segment-new' };
  }
  return { page: 'not-found', path: pathname };
}

export function routePath(route: Route): string {
  switch (route.page) {
    case 'journeys':
      return '/journeys';
    case 'journey-editor':
      return `/journeys/${encodeURIComponent(route.journeyId)}`;
    case 'segments':
      return '/segments';
    case 'segment-new':
      return '/segments/new';
    case 'not-found':
      return route.path;
    default: {
      const never: never = route;
      throw new Error(`unknown route ${JSON.stringify(never)}`);
    }
  }
}
