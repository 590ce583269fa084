/**
 * An in-memory double of exactly the Electron main-process APIs the host uses (electronApi.ts),
 * typed against them (`satisfies ElectronApi`), so the real composition runs under vitest. It
 * records what the app did (one journal, in order) and lets a test fire what the OS would: a second
 * launch, a notification click or button, a window close, log-off, shutdown, resume, the network.
 * The parts live in tests/support/electronDouble/.
 */
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import type { ElectronApi } from '../../electron/main/electronApi';
import { AppDouble } from './electronDouble/app';
import { preventable, type DoubleContext } from './electronDouble/events';
import { menuApi, notificationClass, trayClass } from './electronDouble/shellParts';
import { dialogDouble, ipcMainDouble, screenDouble, shellDouble } from './electronDouble/system';
import { image, SessionDouble } from './electronDouble/web';
import { windowClass } from './electronDouble/window';

export { preventable, type PreventableRecord } from './electronDouble/events';
export { imagePath, SessionDouble, WebContentsDouble, type ImageDouble } from './electronDouble/web';

export function createElectronDouble(opts: { platform: NodeJS.Platform; userData: string; appPath?: string }) {
  const journal: string[] = [];
  const ctx: DoubleContext = { note: (entry) => void journal.push(entry) };
  const defaultSession = new SessionDouble();
  const app = new AppDouble({ ...ctx, userData: opts.userData, appPath: opts.appPath ?? process.cwd() });
  const net = { online: true, isOnline: () => net.online };
  const clipboard = { text: '', writeText: (t: string) => void (clipboard.text = t) };
  const electron = {
    app,
    BrowserWindow: windowClass({ ...ctx, session: defaultSession, created: (wc) => app.emit('web-contents-created', preventable(), wc) }),
    Tray: trayClass(ctx),
    Menu: menuApi(),
    Notification: notificationClass(ctx),
    nativeImage: { createFromPath: (p: string) => image(p), createEmpty: () => image('') },
    powerMonitor: new EventEmitter(),
    ipcMain: ipcMainDouble(),
    session: { defaultSession },
    shell: shellDouble(),
    net,
    clipboard,
    dialog: dialogDouble(),
    screen: screenDouble(),
  } satisfies ElectronApi;
  return { ...electron, default: electron, journal, platform: opts.platform };
}

export type ElectronDouble = ReturnType<typeof createElectronDouble>;
export type WindowDouble = InstanceType<ElectronDouble['BrowserWindow']>;

/** Finds a menu item by its label (or role) path, e.g. ['DNS 1: live', 'Open'] in a tray menu. */
export function menuItem(menu: { items: MenuItemConstructorOptions[] } | null, path: (string | RegExp)[]): MenuItemConstructorOptions {
  let items = menu?.items ?? [];
  let found: MenuItemConstructorOptions | undefined;
  for (const step of path) {
    found = items.find((i) => (typeof step === 'string' ? i.label === step || i.role === step : step.test(i.label ?? '')));
    if (!found) throw new Error(`no menu item ${String(step)} among ${items.map((i) => i.label ?? i.role ?? i.type).join(', ')}`);
    items = Array.isArray(found.submenu) ? found.submenu : [];
  }
  return found!;
}

/** Clicks a menu item as Electron would; a disabled item cannot be clicked. */
export function click(item: MenuItemConstructorOptions): void {
  if (item.enabled === false) throw new Error(`menu item ${item.label} is disabled`);
  (item.click as (() => void) | undefined)?.();
}
