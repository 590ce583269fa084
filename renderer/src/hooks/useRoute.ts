import { useCallback, useSyncExternalStore } from 'react';

/**
 * Hash routes (#/fleet, #/servers/abc): work the same from file:// in Electron and from the
 * browser host, need no server rewrites and no router dependency.
 */
export type Route =
  | { page: 'fleet' }
  | { page: 'server'; id: string }
  | { page: 'alerts' }
  | { page: 'events' }
  | { page: 'servers' };

export function parseRoute(hash: string): Route {
  const [, page, id] = hash.replace(/^#/, '').split('/');
  if (page === 'server' && id) return { page: 'server', id: decodeURIComponent(id) };
  if (page === 'alerts' || page === 'events' || page === 'servers') return { page };
  return { page: 'fleet' };
}

export function routeHref(route: Route): string {
  return route.page === 'server' ? `#/server/${encodeURIComponent(route.id)}` : `#/${route.page}`;
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRoute(): [Route, (r: Route) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const go = useCallback((r: Route) => void (window.location.hash = routeHref(r).slice(1)), []);
  return [parseRoute(hash), go];
}
