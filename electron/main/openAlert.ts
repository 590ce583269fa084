/**
 * Opens one alert in the renderer after a notification click. The IPC contract has no
 * "open this alert" push yet, so the host sets the location hash `#/alerts/<id>` that the
 * renderer's router can follow (the id is JSON-encoded, never spliced into code).
 */
import type { BrowserWindow } from 'electron';
import type { Logger } from '../core/platform';

export const alertHash = (alertId: string): string => `#/alerts/${encodeURIComponent(alertId)}`;

export function openAlertInWindow(win: BrowserWindow | null, alertId: string, logger: Logger): void {
  if (!win || win.isDestroyed()) return;
  const script = `window.location.hash = ${JSON.stringify(alertHash(alertId))};`;
  win.webContents.executeJavaScript(script).catch((err: unknown) => logger.warn('could not open alert in window', { err }));
}
