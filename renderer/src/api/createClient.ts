/** Picks the transport at start-up: Electron's preload bridge when present, else the browser host. */
import type { FleetClient } from './FleetClient';
import { IpcTransport } from './IpcTransport';
import { WebSocketTransport } from './WebSocketTransport';

const TOKEN_KEY = 'dnsfleet.token';

/**
 * The browser host puts the token in the page URL (`?token=`). It is kept for reloads of this tab
 * only (sessionStorage is scoped by origin, port included: never a cookie, which every port of
 * 127.0.0.1 would receive) and taken out of the address bar, where a wall display would show it.
 */
export function bridgeToken(location: Location, storage: Storage, history?: History): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (!fromUrl) return storage.getItem(TOKEN_KEY) ?? '';
  storage.setItem(TOKEN_KEY, fromUrl);
  // Only the token leaves the address bar: a wall display's `?wall=1` must survive it.
  const rest = new URLSearchParams(location.search);
  rest.delete('token');
  const query = rest.toString();
  history?.replaceState(history.state, '', location.pathname + (query ? `?${query}` : '') + location.hash);
  return fromUrl;
}

/** The token this tab holds (browser host), for the few requests besides the bridge (export downloads). */
export const storedBridgeToken = (storage: Storage): string => storage.getItem(TOKEN_KEY) ?? '';

/**
 * The browser host serves the page to anyone on the machine (it is public code); only the bridge
 * needs the token. Without one there is nothing to connect to: say how to get in instead of
 * reconnecting forever.
 */
export function missingBridgeToken(win: Window): boolean {
  return !win.dnsfleet && !new URLSearchParams(win.location.search).get('token') && !win.sessionStorage.getItem(TOKEN_KEY);
}

export function createClient(win: Window): FleetClient {
  if (win.dnsfleet) return new IpcTransport(win.dnsfleet);
  const token = bridgeToken(win.location, win.sessionStorage, win.history);
  return new WebSocketTransport({ url: `ws://${win.location.host}/bridge`, token });
}
