/** Picks the transport at start-up: Electron's preload bridge when present, else the browser host. */
import type { FleetClient } from './FleetClient';
import { IpcTransport } from './IpcTransport';
import { WebSocketTransport } from './WebSocketTransport';

const TOKEN_KEY = 'dnsfleet.token';

/** The browser host puts the token in the page URL; keep it for reloads of this tab only. */
export function bridgeToken(location: Location, storage: Storage): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) storage.setItem(TOKEN_KEY, fromUrl);
  return fromUrl ?? storage.getItem(TOKEN_KEY) ?? '';
}

export function createClient(win: Window): FleetClient {
  if (win.dnsfleet) return new IpcTransport(win.dnsfleet);
  const token = bridgeToken(win.location, win.sessionStorage);
  return new WebSocketTransport({ url: `ws://${win.location.host}/bridge`, token });
}
