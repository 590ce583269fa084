import { useCallback, useSyncExternalStore } from 'react';

/**
 * Hash routes (#/fleet, #/server/abc?tab=charts&range=24h, #/dashboard?range=1h, #/alerts/<alertId>): work the same from file:// in Electron
 * and from the browser host, need no server rewrites and no router dependency. The Electron host
 * sets `#/alerts/<id>` itself when the user clicks a native notification.
 */
export type Route =
  | { page: 'fleet'; query?: string }
  | { page: 'server'; id: string; query?: string }
  | { page: 'dashboard'; query?: string }
  | { page: 'alerts'; alertId?: string }
  | { page: 'events'; query?: string }
  | { page: 'servers' }
  | { page: 'settings' };

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null; // a malformed %-escape: treat as no id rather than crash the app
  }
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const [, page, raw] = path.split('/');
  const id = raw ? decode(raw) : null;
  if (page === 'server' && id) return query ? { page: 'server', id, query } : { page: 'server', id };
  if (page === 'dashboard') return query ? { page, query } : { page };
  if (page === 'alerts') return id ? { page, alertId: id } : { page };
  if (page === 'events') return query ? { page, query } : { page };
  if (page === 'servers' || page === 'settings') return { page };
  return query ? { page: 'fleet', query } : { page: 'fleet' };
}

export function routeHref(route: Route): string {
  if (route.page === 'server') return `#/server/${encodeURIComponent(route.id)}${route.query ? `?${route.query}` : ''}`;
  if (route.page === 'dashboard' && route.query) return `#/dashboard?${route.query}`;
  if (route.page === 'alerts' && route.alertId) return `#/alerts/${encodeURIComponent(route.alertId)}`;
  if (route.page === 'events' && route.query) return `#/events?${route.query}`;
  if (route.page === 'fleet' && route.query) return `#/fleet?${route.query}`;
  return `#/${route.page}`;
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
