/**
 * Starts the core behind the window and tray that are already on screen, and wires it: native
 * notifications (click opens the alert, buttons acknowledge or snooze), power and network signals,
 * the IPC server (registered at once; requests wait for the core), the badge, the demo fleet.
 */
import type { CoreHandle, PushMessage } from '../core/api/CoreHandle';
import type { AppPaths, Logger } from '../core/platform';
import type { SettingsStore } from '../core/settings/SettingsStore';
import { BadgePresenter, badgeCount } from './badge';
import type { CoreActions } from './coreActions';
import type { DesktopDeps } from './desktopApp';
import { startIpcServer } from './ipcServer';
import type { MainWindowController } from './mainWindow';
import { ElectronNotifier } from './notifier';
import { alertHash } from './openAlert';
import { ElectronPowerEvents } from './power';
import { offerDiagnosticsFile } from './saveDiagnostics';
import { exportRevealer } from './revealFile';
import type { RendererLocation } from './security';
import type { ShutdownCoordinator } from './shutdown';
import type { ElectronTrayPresenter } from './tray';
import { join } from 'node:path';
import type { Alert } from '../../shared/domain/alert';

export interface CoreWiringInput {
  d: DesktopDeps;
  paths: AppPaths;
  logger: Logger;
  renderer: RendererLocation;
  settings: SettingsStore;
  window: MainWindowController;
  tray: ElectronTrayPresenter;
  actions: CoreActions;
  shutdown: ShutdownCoordinator;
  icons: string;
}

const SNOOZE_MINUTES = 60;

export function startCoreWiring(w: CoreWiringInput): Promise<CoreHandle> {
  const { d, logger, window, actions, shutdown } = w;
  const notifier = new ElectronNotifier({
    Notification: d.electron.Notification,
    platform: d.platform,
    prefs: () => w.settings.get().notifications,
    onActivate: (alert) => window.revealAt(alertHash(alert.id)),
    onAction: (alert, action) => void (action === 'acknowledge' ? actions.acknowledge([alert.id]) : actions.snooze([alert.id], SNOOZE_MINUTES)),
    iconPath: join(w.icons, 'icon.png'),
    logger: logger.child('notifier'),
  });
  const power = new ElectronPowerEvents({ powerMonitor: d.electron.powerMonitor, net: d.electron.net, clock: d.clock, logger: logger.child('power') });
  const core = d.createCore({
    host: 'electron',
    paths: w.paths,
    notifier,
    tray: w.tray,
    power,
    logger,
    settings: w.settings,
    operator: d.operator,
    demo: d.demo?.options,
    appVersion: d.electron.app.getVersion(),
    offerFile: offerDiagnosticsFile({ app: d.electron.app, dialog: d.electron.dialog, shell: d.electron.shell, logger: logger.child('diagnostics') }),
    revealFile: exportRevealer(d.electron.shell, w.paths.exportsDir, logger.child('reveal')),
  });
  shutdown.setCore(core);
  const stopIpc = startIpcServer({
    ipc: d.electron.ipcMain,
    core,
    renderer: w.renderer,
    targets: () => (window.current ? [window.current.webContents] : []),
    logger: logger.child('ipc'),
  });
  shutdown.add(stopIpc);
  shutdown.add(() => power.dispose());
  shutdown.add(() => notifier.dispose());
  if (d.demo) shutdown.add(() => d.demo?.close());
  return core.then(
    (ready) => afterStart(w, ready),
    (err: unknown) => failedToStart(w, err),
  );
}

function afterStart(w: CoreWiringInput, core: CoreHandle): CoreHandle {
  w.actions.attach(core);
  const badge = new BadgePresenter({
    app: w.d.electron.app,
    nativeImage: w.d.electron.nativeImage,
    platform: w.d.platform,
    window: () => w.window.current,
    resourcesDir: w.icons,
    logger: w.logger.child('badge'),
  });
  const refresh = badgeRefresher(w.actions, badge);
  const stopBadge = core.onPush((m: PushMessage) => {
    if (m.channel === 'alerts:onDidRaise' || m.channel === 'alerts:onDidChange') void refresh();
  });
  w.shutdown.add(stopBadge);
  core.start();
  void refresh();
  if (w.d.demo && w.d.argv.includes('--demo')) {
    const demo = w.d.demo;
    core.handlers['fleet:startDemo']({}).then(
      () => w.d.argv.includes('--json') && demo.announce(),
      (err: unknown) => w.logger.error('demo fleet failed to start', { err }),
    );
  }
  return core;
}

/** One refresh in flight at a time; a burst of alert changes costs at most one more. */
function badgeRefresher(actions: CoreActions, badge: BadgePresenter): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const loop = async () => {
    do {
      again = false;
      const alerts = (await actions.call('alerts:list', { includeResolved: false, limit: 1000 })) as Alert[] | null;
      if (alerts) badge.show(badgeCount(alerts));
    } while (again);
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = loop().finally(() => (running = null));
    return running;
  };
}

function failedToStart(w: CoreWiringInput, err: unknown): never {
  w.logger.error('the monitor failed to start', { err });
  void w.shutdown.run('failed to start', 1);
  throw err;
}
