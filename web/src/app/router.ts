import { useSyncExternalStore } from 'react';
import { parseRoute, routePath, type Route } from './routes';

const NAVIGATE_EVENT = 'switchyard:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentPath = () => window.location.pathname;

/** The current route, re-rendering on navigation. */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, currentPath));
}

export function navigate(route: Route | string, options: { replace?: boolean } = {}): void {
  const path = typeof route === 'string' ? route : routePath(route);
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
