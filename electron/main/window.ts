/**
 * The main window: sandboxed, context-isolated, no Node in the page, no navigation away from the
 * renderer, no new windows, and no permissions but notifications.
 */
import { BrowserWindow, shell, type WebContents } from 'electron';
import type { Logger } from '../core/platform';
import { externalLinkTarget, isPermissionAllowed, isTrustedRendererUrl, rendererEntryUrl, type RendererLocation } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  renderer: RendererLocation;
  iconPath: string;
  logger: Logger;
  /** Start hidden (e.g. launched at login into the tray). */
  hidden?: boolean;
}

export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'DNS Fleet Monitor',
    icon: o.iconPath,
    autoHideMenuBar: true,
    webPreferences: {
      preload: o.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  hardenWebContents(win.webContents, o.renderer, o.logger);
  denyPermissions(win.webContents, o.renderer);
  win.once('ready-to-show', () => {
    if (!o.hidden) win.show();
  });
  void win.loadURL(rendererEntryUrl(o.renderer)).catch((err: unknown) => o.logger.error('renderer failed to load', { err }));
  return win;
}

/** Applied to every webContents the app creates (the window, and anything that slips through). */
const hardened = new WeakSet<WebContents>();

export function hardenWebContents(contents: WebContents, renderer: RendererLocation, logger: Logger): void {
  // Idempotent: the window hardens its own contents and app's web-contents-created sees it too.
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, logger);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isTrustedRendererUrl(url, renderer)) return;
    event.preventDefault();
    openExternally(url, logger);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function denyPermissions(contents: WebContents, renderer: RendererLocation): void {
  const ses = contents.session;
  ses.setPermissionRequestHandler((wc, permission, callback) => callback(isPermissionAllowed(permission, wc.getURL(), renderer)));
  ses.setPermissionCheckHandler((wc, permission) => isPermissionAllowed(permission, wc?.getURL(), renderer));
}

function openExternally(url: string, logger: Logger): void {
  const target = externalLinkTarget(url);
  if (!target) {
    logger.warn('blocked navigation', { url: url.slice(0, 200) });
    return;
  }
  void shell.openExternal(target).catch((err: unknown) => logger.warn('could not open link', { err }));
}

/** Bring the window to the front (tray "Show", notification click, second instance). */
export function revealWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
