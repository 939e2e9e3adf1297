/** Labels of one HTTP request in `switchyard_http_request_duration_seconds`. */
export interface HttpLabels {
  method: string;
  route: string;
  status: string;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The label of a request that matched no route (a 404 from the router itself). */
export const UNMATCHED_ROUTE = 'unmatched';

const MAX_ROUTE_LENGTH = 200;

/**
 * The method, the route pattern and the status code of a request, normalised so that
 * the number of series stays bounded: the pattern (`/api/segments/:id`), never the raw
 * URL with its ids and query; an unknown method becomes `OTHER`.
 */
export function httpLabels(
  method: string,
  routePattern: string | undefined,
  statusCode: number,
): HttpLabels {
  return {
    method: normaliseMethod(method),
    route: normaliseRoute(routePattern),
    status:
      Number.isInteger(statusCode) && statusCode >= 100 && statusCode <= 599
        ? String(statusCode)
        : 'unknown',
  };
}

export function normaliseMethod(method: string): string {
  const upper = method.toUpperCase();
  return METHODS.has(upper) ? upper : 'OTHER';
}

/**
 * A route pattern as a label: parameters keep their name but lose any regular
 * expression (`/:id(\\d+)` → `/:id`), a trailing slash is dropped, and a missing pattern
 * (no route matched) is `unmatched`.
 */
export function normaliseRoute(pattern: string | undefined): string {
  if (!pattern) return UNMATCHED_ROUTE;
  let route = withoutParameterRegexps(pattern);
  if (route.length > 1 && route.endsWith('/')) route = route.slice(0, -1);
  if (!route.startsWith('/')) route = `/${route}`;
  return route.length > MAX_ROUTE_LENGTH ? `${route.slice(0, MAX_ROUTE_LENGTH)}…` : route;
}

/** Drops the `(...)` after a `:name`, nested parentheses and escapes included. */
function withoutParameterRegexps(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i] as string;
    if (char === '(' && /:[A-Za-z0-9_]+$/.test(out)) {
      let depth = 0;
      for (; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\') i++;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      i++;
      continue;
    }
    out += char;
    i++;
  }
  return out;
}
