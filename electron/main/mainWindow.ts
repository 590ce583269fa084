/**
 * The one main window over its whole life: created at start (before the core, so something is on
 * screen while the keychain answers), re-created if it was ever destroyed, brought forward by a
 * second launch, a tray click or a notification. Its close button keeps the monitor running
 * (closeBehaviour.ts); during a shutdown the window simply goes. On Windows, log-off and shutdown
 * reach the app only as window events (query-session-end, session-end): both start the flush.
 */
import type { Clock, Logger } from '../core/platform';
import type { CloseAction } from './closeBehaviour';
import type { BrowserWindowApi, BrowserWindowLike, ScreenLike, ShellLike } from './electronApi';
import { openHashInWindow } from './openAlert';
import type { RendererLocation } from './security';
import type { ShutdownCoordinator } from './shutdown';
import { createMainWindow, revealWindow } from './window';
import type { WindowPlacements } from './windowBounds';

export interface MainWindowDeps {
  BrowserWindow: BrowserWindowApi;
  shell: ShellLike;
  platform: NodeJS.Platform;
  renderer: RendererLocation;
  preloadPath: string;
  iconPath: string;
  logger: Logger;
  shutdown: ShutdownCoordinator;
  /** Decided at each close: the setting or the tray host may have changed. */
  closeAction: () => CloseAction;
  /** Remembered window positions, per display. */
  placements: WindowPlacements;
  screen: ScreenLike;
  clock: Clock;
}

const SAVE_AFTER_MS = 500;

export class MainWindowController {
  private win: BrowserWindowLike | null = null;

  constructor(private readonly deps: MainWindowDeps) {}

  get current(): BrowserWindowLike | null {
    return this.win && !this.win.isDestroyed() ? this.win : null;
  }

  /** The window, created if there is none. */
  open(opts: { hidden?: boolean } = {}): BrowserWindowLike {
    const existing = this.current;
    if (existing) return existing;
    const { deps } = this;
    const win = createMainWindow(deps.BrowserWindow, { ...deps, hidden: opts.hidden, placement: deps.placements.initial(deps.screen) });
    this.rememberPlacement(win);
    win.on('close', (event) => this.onClose(win, event));
    win.on('closed', () => {
      if (this.win === win) this.win = null;
    });
    if (deps.platform === 'win32') {
      win.on('query-session-end', () => void deps.shutdown.run('windows session ending'));
      win.on('session-end', () => void deps.shutdown.run('windows session end'));
    }
    this.win = win;
    return win;
  }

  /** Bring the window forward (creating it again if needed). */
  reveal(): void {
    revealWindow(this.open());
  }

  /** Bring it forward on one page: `#/alerts/<id>`, `#/server/<id>`, `#/fleet`. */
  revealAt(hash: string): void {
    this.reveal();
    openHashInWindow(this.current, hash, this.deps.logger);
  }

  /** Saved a moment after the last move or resize (a drag fires many), and at close. */
  private rememberPlacement(win: BrowserWindowLike): void {
    const { clock, placements, screen, logger } = this.deps;
    let pending: ReturnType<Clock['setTimeout']> | null = null;
    const save = () => {
      if (pending !== null) clock.clearTimeout(pending);
      pending = null;
      if (win.isDestroyed() || win.isMinimized()) return;
      try {
        placements.remember(screen, win.getNormalBounds(), win.isMaximized());
      } catch (err) {
        logger.warn('could not remember the window position', { err });
      }
    };
    const later = () => {
      if (pending !== null) clock.clearTimeout(pending);
      pending = clock.setTimeout(save, SAVE_AFTER_MS);
    };
    for (const event of ['moved', 'resized', 'maximize', 'unmaximize'] as const) win.on(event, later);
    win.on('close', save);
  }

  private onClose(win: BrowserWindowLike, event: { preventDefault(): void }): void {
    if (this.deps.shutdown.inProgress) return; // quitting, logging off: let it close
    event.preventDefault();
    if (this.deps.closeAction() === 'hide-to-tray') win.hide();
    else win.minimize();
  }
}
