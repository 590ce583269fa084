/**
 * Opens one alert (or server) in the renderer after a notification or tray click. The IPC contract
 * has no "open this" push yet, so the host sets the location hash (`#/alerts/<id>`,
 * `#/server/<id>`) that the renderer's router follows; the hash is JSON-encoded, never spliced
 * into code.
 */
import type { Logger } from '../core/platform';
import type { BrowserWindowLike } from './electronApi';

export const alertHash = (alertId: string): string => `#/alerts/${encodeURIComponent(alertId)}`;
export const serverHash = (serverId: string): string => `#/server/${encodeURIComponent(serverId)}`;

export function openHashInWindow(win: BrowserWindowLike | null, hash: string, logger: Logger): void {
  if (!win || win.isDestroyed()) return;
  const script = `window.location.hash = ${JSON.stringify(hash)};`;
  win.webContents.executeJavaScript(script).catch((err: unknown) => logger.warn('could not open a page in the window', { err }));
}

export const openAlertInWindow = (win: BrowserWindowLike | null, alertId: string, logger: Logger): void =>
  openHashInWindow(win, alertHash(alertId), logger);
