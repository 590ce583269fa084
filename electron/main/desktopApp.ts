/**
 * The Electron host's composition: every Electron API arrives as a parameter (index.ts passes the
 * real modules; tests pass tests/support/electronDouble.ts). The order matters and is tested per
 * platform: the Windows AppUserModelId first, the single-instance lock and its listener, then on
 * `ready` the session guards, the window and the tray, all before the core, whose start can wait
 * seconds for the keychain; the core's intents and pushes are wired once it exists.
 */
import type { CoreHandle } from '../core/api/CoreHandle';
import type { CoreOptions } from '../core/compose';
import type { Clock, Logger } from '../core/platform';
import type { SettingsStore } from '../core/settings/SettingsStore';
import { closeAction } from './closeBehaviour';
import { APP_USER_MODEL_ID, type ElectronApi } from './electronApi';
import { createMainLogger } from './logging';
import { MainWindowController } from './mainWindow';
import { bundlePaths, electronPaths, resourcesDir } from './paths';
import { rendererLocation, type RendererLocation } from './security';
import { secureSession } from './sessionSecurity';
import { ShutdownCoordinator } from './shutdown';
import { hardenWebContents } from './window';
import { startCoreWiring } from './coreWiring';
import { ElectronTrayPresenter } from './tray';
import { CoreActions } from './coreActions';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FleetSnapshot } from '../../shared/ipc/schemas';
import type { AppPaths } from '../core/platform';
import { applicationMenuTemplate } from './appMenu';
import { installCrashHandler, type CrashDeps } from './crashHandler';
import { diagnosticsText } from './diagnostics';
import { applyStartAtLogin } from './loginItem';
import { WindowPlacements } from './windowBounds';
import { loadPolicy, policyPaths } from './policy';
import { PolicySettingsStore } from './settings/PolicySettingsStore';

export interface DesktopDemo {
  options: NonNullable<CoreOptions['demo']>;
  /** After the demo fleet started: print its emulators (for scripts and the smoke test). */
  announce(): void;
  close(): Promise<void>;
}

export interface DesktopDeps {
  electron: ElectronApi;
  platform: NodeJS.Platform;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Directory of the built main bundle (out/main). */
  mainDir: string;
  createCore: (opts: CoreOptions) => Promise<CoreHandle>;
  openSettings: (opts: { dataDir: string; logger: Logger }) => SettingsStore;
  /** Linux only: does a tray host (StatusNotifierWatcher) answer? */
  trayHostAnswers: () => Promise<boolean>;
  clock: Clock;
  operator: string;
  demo?: DesktopDemo;
  /** The process's own events (uncaught exceptions) and facts, for the crash handler and Help menu. */
  process: CrashDeps['process'] & { execPath: string; arch: string; versions: Partial<Record<'electron' | 'chrome' | 'node', string>> };
}

/** What a running app holds; tests reach in through it, the entry ignores it. */
export interface DesktopApp {
  window: MainWindowController;
  tray: ElectronTrayPresenter;
  shutdown: ShutdownCoordinator;
  core: Promise<CoreHandle>;
  logger: Logger;
  paths: AppPaths;
}

export async function runDesktopApp(d: DesktopDeps): Promise<DesktopApp | null> {
  const { app } = d.electron;
  // Windows shows toasts only for the id the installer's shortcut carries; set before anything shows.
  if (d.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  if (!app.requestSingleInstanceLock()) {
    app.quit(); // the running instance gets 'second-instance' and comes forward
    return null;
  }
  // Listening before `ready`: a second launch while we start is remembered, not lost.
  let reveal: (() => void) | null = null;
  let revealAsked = false;
  app.on('second-instance', () => (reveal ? reveal() : (revealAsked = true)));
  await app.whenReady();
  const shell = startShell(d);
  reveal = () => shell.window.reveal();
  if (revealAsked) reveal();
  return shell;
}

function startShell(d: DesktopDeps): DesktopApp {
  const { app } = d.electron;
  const paths = electronPaths(app, d.env);
  const logger = createMainLogger(paths, { isPackaged: app.isPackaged });
  const bundle = bundlePaths(d.mainDir);
  const renderer = rendererLocation({ devServerUrl: d.env.ELECTRON_RENDERER_URL, isPackaged: app.isPackaged, indexFile: bundle.rendererIndex });
  const icons = resourcesDir(app);
  const shutdown = new ShutdownCoordinator({ exit: (code) => app.exit(code), clock: d.clock, logger: logger.child('shutdown') });
  guardSessions(d, renderer, logger);
  const policy = loadPolicy(policyPaths(d.platform, d.env, paths.dataDir), logger.child('policy'));
  const settings = new PolicySettingsStore(d.openSettings({ dataDir: paths.dataDir, logger: logger.child('settings') }), policy);
  let trayHost = d.platform !== 'linux';
  if (!trayHost) void d.trayHostAnswers().then((answers) => (trayHost = answers), () => {});
  const window = new MainWindowController({
    BrowserWindow: d.electron.BrowserWindow,
    shell: d.electron.shell,
    platform: d.platform,
    renderer,
    preloadPath: bundle.preload,
    iconPath: join(icons, 'icon.png'),
    logger: logger.child('window'),
    shutdown,
    closeAction: () => closeAction({ platform: d.platform, closeToTray: settings.get().desktop.closeToTray, trayHostAnswers: trayHost }),
    placements: WindowPlacements.in(paths.dataDir, logger.child('window')),
    screen: d.electron.screen,
    clock: d.clock,
  });
  window.open();
  const actions = new CoreActions({ clock: d.clock, logger: logger.child('actions') });
  const tray = createTray(d, icons, window, actions, shutdown);
  wireQuit(d, shutdown, window);
  installCrashHandler({ process: d.process, app, dialog: d.electron.dialog, shutdown, logger: logger.child('crash') });
  installDesktopConventions(d, { paths, settings, actions, logger });
  const core = startCoreWiring({ d, paths, logger, renderer, settings, window, tray, actions, shutdown, icons });
  return { window, tray, shutdown, core, logger, paths };
}

/** What to start at login: an AppImage runs from a mount point that changes every run; $APPIMAGE is the file. */
const launcherPath = (d: DesktopDeps): string => (d.platform === 'linux' && d.env.APPIMAGE) || d.process.execPath;

/** Application menu (Help: logs, diagnostics) and start at login, following the setting. */
function installDesktopConventions(d: DesktopDeps, c: { paths: AppPaths; settings: SettingsStore; actions: CoreActions; logger: Logger }): void {
  const { Menu, shell, clipboard, app } = d.electron;
  const copyDiagnostics = async () => {
    const snapshot = (await c.actions.call('fleet:getSnapshot', {})) as FleetSnapshot | null;
    const { platform, process: p } = d;
    clipboard.writeText(diagnosticsText({ appVersion: app.getVersion(), versions: p.versions, platform, arch: p.arch, dataDir: c.paths.dataDir, snapshot }));
  };
  const actions = {
    openLogsFolder: () => void shell.openPath(c.paths.logsDir).catch((err: unknown) => c.logger.warn('could not open the logs folder', { err })),
    copyDiagnostics: () => void copyDiagnostics().catch((err: unknown) => c.logger.warn('could not copy diagnostics', { err })),
    // The core writes the bundle and, through CoreOptions.offerFile, shows the save dialog.
    saveDiagnosticsBundle: () => void c.actions.call('app:writeDiagnostics', {}),
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate({ platform: d.platform, isPackaged: app.isPackaged, actions })));
  const login = { app, platform: d.platform, execPath: launcherPath(d), configHome: d.env.XDG_CONFIG_HOME || join(homedir(), '.config'), logger: c.logger.child('login') };
  let startAtLogin = c.settings.get().desktop.startAtLogin;
  applyStartAtLogin(startAtLogin, login);
  c.settings.onDidChange((s) => {
    if (s.desktop.startAtLogin === startAtLogin) return;
    startAtLogin = s.desktop.startAtLogin;
    applyStartAtLogin(startAtLogin, login);
  });
}

/** CSP header and permissions on the session, and every webContents hardened as it is created. */
function guardSessions(d: DesktopDeps, renderer: RendererLocation, logger: Logger): void {
  secureSession(d.electron.session.defaultSession, renderer, logger.child('security'));
  d.electron.app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, renderer, logger.child('security'), d.electron.shell));
}

function createTray(d: DesktopDeps, icons: string, window: MainWindowController, actions: CoreActions, shutdown: ShutdownCoordinator): ElectronTrayPresenter {
  const tray = new ElectronTrayPresenter({
    api: d.electron,
    platform: d.platform,
    resourcesDir: icons,
    actions: {
      open: () => window.reveal(),
      openServer: (id) => window.revealAt(`#/server/${encodeURIComponent(id)}`),
      openMaintenance: () => window.revealAt('#/fleet'),
      acknowledgeAll: () => void actions.acknowledgeAll(),
      snoozeAll: (minutes) => void actions.snoozeAll(minutes),
      maintenance: (id, minutes) => void actions.maintenance(id, minutes),
      quit: () => void shutdown.run('quit from the tray'),
    },
  });
  shutdown.add(() => tray.dispose());
  return tray;
}

/**
 * Every way out goes through the shutdown coordinator: Cmd+Q and app.quit() (before-quit),
 * Linux and macOS shutdown (powerMonitor), Windows log-off (the window's session events).
 */
function wireQuit(d: DesktopDeps, shutdown: ShutdownCoordinator, window: MainWindowController): void {
  const { app, powerMonitor } = d.electron;
  app.on('before-quit', (event) => {
    event.preventDefault(); // app.exit() ends the app once the event log is flushed
    void shutdown.run('quit');
  });
  app.on('window-all-closed', () => {
    /* keep monitoring: the tray (or the minimised window) is the way back */
  });
  app.on('activate', () => window.reveal());
  const onShutdown = (event?: { preventDefault(): void }) => {
    event?.preventDefault(); // ask the OS for the moment the flush needs (bounded to 2 s)
    void shutdown.run('system shutdown');
  };
  powerMonitor.on('shutdown', onShutdown);
}
