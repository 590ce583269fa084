/**
 * The main window: sandboxed, context-isolated, no Node in the page, no navigation away from the
 * renderer, no new windows. Permissions and the CSP header are set on the session (sessionSecurity.ts).
 */
import type { Logger } from '../core/platform';
import type { Placement } from './windowBounds';
import type { BrowserWindowApi, BrowserWindowLike, ShellLike, WebContentsLike } from './electronApi';
import { externalLinkTarget, isTrustedRendererUrl, rendererEntryUrl, type RendererLocation } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  renderer: RendererLocation;
  iconPath: string;
  logger: Logger;
  shell: ShellLike;
  /** Start hidden (e.g. launched at login into the tray). */
  hidden?: boolean;
  /** Where it was last (windowBounds.ts), already fitted to a connected display. */
  placement?: Placement | null;
}

export function createMainWindow(BrowserWindow: BrowserWindowApi, o: MainWindowOptions): BrowserWindowLike {
  // Spelled out in place, so Electronegativity reads the real preferences (scripts/electronegativity.mjs).
  const at = o.placement;
  const win = new BrowserWindow({
    ...(at ? { x: at.x, y: at.y, width: at.width, height: at.height } : { width: 1360, height: 860 }),
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
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would ask for a new window; the open handler denies it anyway.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  hardenWebContents(win.webContents, o.renderer, o.logger, o.shell);
  if (at?.maximized) win.maximize();
  win.once('ready-to-show', () => {
    if (!o.hidden) win.show();
  });
  void win.loadURL(rendererEntryUrl(o.renderer)).catch((err: unknown) => o.logger.error('renderer failed to load', { err }));
  return win;
}

/** Applied to every webContents the app creates (the window, and anything that slips through). */
const hardened = new WeakSet<WebContentsLike>();

export function hardenWebContents(contents: WebContentsLike, renderer: RendererLocation, logger: Logger, shell: ShellLike): void {
  // Idempotent: the window hardens its own contents and app's web-contents-created sees it too.
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, logger, shell);
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (isTrustedRendererUrl(url, renderer)) return;
    event.preventDefault();
    openExternally(url, logger, shell);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openExternally(url: unknown, logger: Logger, shell: ShellLike): void {
  const target = typeof url === 'string' ? externalLinkTarget(url) : null;
  if (!target) {
    logger.warn('blocked navigation', { url: String(url).slice(0, 200) });
    return;
  }
  void shell.openExternal(target).catch((err: unknown) => logger.warn('could not open link', { err }));
}

/** Bring the window to the front (tray "Open", notification click, second instance). */
export function revealWindow(win: BrowserWindowLike | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
