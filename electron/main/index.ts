/**
 * Electron entry: single instance, composition of the core with the native adapters, the
 * window, the IPC server, and an orderly shutdown. No business logic lives here.
 */
import { app, ipcMain, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/compose';
import type { CoreHandle } from '../core/api/CoreHandle';
import { systemClock, type Logger } from '../core/platform';
import type { RunningDemo } from '../hosts/demoFleet';
import { startIpcServer } from './ipcServer';
import { createMainLogger } from './logging';
import { ElectronNotifier } from './notifier';
import { openAlertInWindow } from './openAlert';
import { bundlePaths, electronPaths, resourcesDir } from './paths';
import { ElectronPowerEvents } from './power';
import { rendererLocation } from './security';
import { ElectronStoreSettingsStore } from './settings/ElectronStoreSettingsStore';
import { ElectronTrayPresenter } from './tray';
import { createMainWindow, hardenWebContents, revealWindow } from './window';

const wantsDemo = process.argv.includes('--demo');
/** Machine-readable start-up lines on stdout (like the browser host's --json), for scripts and e2e. */
const wantsJson = process.argv.includes('--json');

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit(); // the running instance gets 'second-instance' and comes forward
    return;
  }
  await app.whenReady();
  const paths = electronPaths();
  const logger = createMainLogger(paths, { isPackaged: app.isPackaged });
  const bundle = bundlePaths(dirname(fileURLToPath(import.meta.url)));
  const renderer = rendererLocation({
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
    indexFile: bundle.rendererIndex,
  });
  const icons = resourcesDir();
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, renderer, logger));

  let win: BrowserWindow | null = null;
  let quitting = false;
  const openWindow = (): BrowserWindow => {
    const w = createMainWindow({
      preloadPath: bundle.preload,
      renderer,
      iconPath: join(icons, 'icon.png'),
      logger: logger.child('window'),
    });
    // Closing the window keeps the monitor running in the tray; "Quit" in the tray menu ends it.
    w.on('close', (e) => {
      if (quitting) return;
      e.preventDefault();
      w.hide();
    });
    return w;
  };
  const show = () => {
    if (!win || win.isDestroyed()) win = openWindow();
    revealWindow(win);
  };

  const settings = ElectronStoreSettingsStore.open({ logger: logger.child('settings'), dataDir: paths.dataDir });
  const tray = new ElectronTrayPresenter({ resourcesDir: icons, onShow: show, onQuit: () => app.quit() });
  const notifier = new ElectronNotifier({
    prefs: () => settings.get().notifications,
    onActivate: (alert) => {
      show();
      openAlertInWindow(win, alert.id, logger);
    },
    iconPath: join(icons, 'icon.png'),
    logger: logger.child('notifier'),
  });
  const power = new ElectronPowerEvents(systemClock);
  let demo: RunningDemo | undefined;
  const core = await createCore({
    host: 'electron',
    paths,
    notifier,
    tray,
    power,
    logger,
    settings,
    operator: safeUserName(),
    demo: async () => (demo ??= await startDemo()),
  });
  const stopIpc = startIpcServer({
    ipc: ipcMain,
    core,
    renderer,
    targets: () => (win && !win.isDestroyed() ? [win.webContents] : []),
    logger: logger.child('ipc'),
  });

  win = openWindow();
  core.start();
  if (wantsDemo) {
    core.handlers['fleet:startDemo']({}).then(
      () => wantsJson && announceEmulators(demo),
      (err: unknown) => logger.error('demo fleet failed to start', { err }),
    );
  }
  app.on('second-instance', show);
  app.on('activate', show);
  app.on('window-all-closed', () => {
    /* keep running in the tray */
  });
  app.on('before-quit', (e) => {
    if (quitting) return;
    quitting = true;
    e.preventDefault();
    void shutdown({ core, logger, stop: [stopIpc, () => power.dispose(), () => notifier.dispose(), () => tray.dispose()], demo }).finally(
      () => app.exit(0),
    );
  });
}

async function shutdown(o: { core: CoreHandle; logger: Logger; stop: (() => void)[]; demo: RunningDemo | undefined }): Promise<void> {
  for (const stop of o.stop) stop();
  try {
    await o.core.dispose();
    await o.demo?.close();
  } catch (err) {
    o.logger.error('shutdown failed', { err });
  }
}

/** The emulator loads only when the demo is asked for, so the app's main bundle carries none of it. */
async function startDemo(): Promise<RunningDemo> {
  const { runDemoFleet } = await import('../hosts/demoFleet');
  return runDemoFleet();
}

function announceEmulators(demo: RunningDemo | undefined): void {
  for (const e of demo?.emulators ?? []) process.stdout.write(JSON.stringify({ kind: 'emulator', name: e.name, url: e.url }) + '\n');
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`DNS Fleet Monitor failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  app.exit(1);
});
