/**
 * An in-memory double of exactly the Electron main-process APIs the host uses (electronApi.ts),
 * typed against them (`satisfies ElectronApi`), so the real composition runs under vitest. It
 * records what the app did (one journal, in order) and lets a test fire what the OS would: a second
 * launch, a notification click or button, a window close, log-off, shutdown, resume, the network.
 * Documented behaviour it follows: app.quit() emits a preventable `before-quit`; app.exit() ends at
 * once without it; a window's `close` is preventable and `closed` follows an unprevented one.
 */
import { EventEmitter } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, NativeImage, NotificationConstructorOptions } from 'electron';
import type { DisplayLike, ElectronApi, Rect, SessionLike, WebContentsLike } from '../../electron/main/electronApi';

export interface PreventableRecord {
  preventDefault(): void;
  defaultPrevented: boolean;
}
export const preventable = <T extends object>(extra?: T): PreventableRecord & T =>
  Object.assign(
    {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    },
    extra,
  ) as PreventableRecord & T;

export interface ImageDouble {
  path: string;
  isEmpty(): boolean;
  setTemplateImage(option: boolean): void;
}
/** As in Electron, an image from a path that holds no readable file is empty. */
const image = (path: string): NativeImage => {
  const empty = path === '' || !existsSync(path) || !statSync(path).isFile() || statSync(path).size === 0;
  return { path, isEmpty: () => empty, setTemplateImage: () => {} } as unknown as NativeImage;
};
export const imagePath = (img: unknown): string => (img as ImageDouble | null)?.path ?? '';

type HeadersListener = Parameters<SessionLike['webRequest']['onHeadersReceived']>[0];
type PermissionRequest = Parameters<SessionLike['setPermissionRequestHandler']>[0];
type PermissionCheck = Parameters<SessionLike['setPermissionCheckHandler']>[0];

export class SessionDouble implements SessionLike {
  headersListener: HeadersListener = null;
  permissionRequest: PermissionRequest = null;
  permissionCheck: PermissionCheck = null;
  readonly webRequest = { onHeadersReceived: (l: HeadersListener) => void (this.headersListener = l) };
  setPermissionRequestHandler(h: PermissionRequest): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: PermissionCheck): void {
    this.permissionCheck = h;
  }
  /** A response passing through the session, as Chromium would hand it to webRequest. */
  respond(url: string, responseHeaders: Record<string, string[]> = {}): Promise<{ cancel?: boolean; responseHeaders?: Record<string, string | string[]> }> {
    return new Promise((resolve) => {
      if (!this.headersListener) return resolve({});
      this.headersListener({ url, resourceType: 'mainFrame', responseHeaders }, resolve);
    });
  }
  /** A page asks for a permission; resolves with the answer (Electron's default, with no handler, is yes). */
  request(contents: WebContentsLike, permission: string): Promise<boolean> {
    return new Promise((resolve) => {
      if (!this.permissionRequest) return resolve(true);
      this.permissionRequest(contents, permission, resolve, { requestingUrl: contents.getURL() });
    });
  }
}

export class WebContentsDouble extends EventEmitter implements WebContentsLike {
  url = '';
  destroyed = false;
  readonly sent: [string, unknown][] = [];
  readonly scripts: string[] = [];
  openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  constructor(readonly session: SessionDouble) {
    super();
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, args[0]]);
  }
  executeJavaScript(code: string): Promise<unknown> {
    this.scripts.push(code);
    return Promise.resolve(undefined);
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }): void {
    this.openHandler = h;
  }
  /** The page tries to navigate; true when the app let it. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const e = preventable();
    this.emit(event, e, url);
    return !e.defaultPrevented;
  }
}

export function createElectronDouble(opts: { platform: NodeJS.Platform; userData: string; appPath?: string }) {
  const journal: string[] = [];
  const note = (entry: string) => journal.push(entry);
  const defaultSession = new SessionDouble();
  let readyResolve: () => void = () => {};
  const ready = new Promise<void>((r) => (readyResolve = r));
  let exited: (code: number) => void = () => {};
  const exit = new Promise<number>((r) => (exited = r));

  class AppDouble extends EventEmitter {
    isPackaged = true;
    hasLock = true;
    appUserModelId: string | null = null;
    badgeCount: number | null = null;
    loginItem: unknown = null;
    exitCode: number | null = null;
    readonly exit$ = exit;
    requestSingleInstanceLock(): boolean {
      note('app.requestSingleInstanceLock');
      return this.hasLock;
    }
    setAppUserModelId(id: string): void {
      note(`app.setAppUserModelId ${id}`);
      this.appUserModelId = id;
    }
    whenReady(): Promise<void> {
      return ready;
    }
    fireReady(): void {
      note('app.ready');
      readyResolve();
    }
    quit(): void {
      note('app.quit');
      const e = preventable();
      this.emit('before-quit', e);
      if (!e.defaultPrevented) this.exit(0);
    }
    exit(code = 0): void {
      note(`app.exit ${code}`);
      this.exitCode ??= code;
      exited(code);
    }
    relaunch(): void {
      note('app.relaunch');
    }
    getPath(): string {
      return opts.userData;
    }
    getAppPath(): string {
      return opts.appPath ?? process.cwd();
    }
    getVersion(): string {
      return '0.1.0';
    }
    setBadgeCount(count = 0): boolean {
      this.badgeCount = count;
      return true;
    }
    setLoginItemSettings(s: unknown): void {
      this.loginItem = s;
    }
    /** The user launched the app again (the OS hands that to the first instance). */
    secondInstance(): void {
      this.emit('second-instance', preventable(), ['dnsfleet'], '/');
    }
  }
  const app = new AppDouble();

  class BrowserWindowDouble extends EventEmitter {
    static readonly instances: BrowserWindowDouble[] = [];
    readonly webContents = new WebContentsDouble(defaultSession);
    visible = false;
    minimized = false;
    focused = false;
    destroyed = false;
    title = '';
    overlay: { image: string; description: string } | null = null;
    bounds: Rect;
    maximized = false;
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
      note('BrowserWindow.new');
      BrowserWindowDouble.instances.push(this);
      app.emit('web-contents-created', preventable(), this.webContents);
    }
    show(): void {
      this.visible = true;
      this.minimized = false;
    }
    hide(): void {
      this.visible = false;
      this.focused = false;
    }
    focus(): void {
      this.focused = true;
    }
    restore(): void {
      this.minimized = false;
    }
    minimize(): void {
      this.minimized = true;
      this.focused = false;
    }
    maximize(): void {
      this.maximized = true;
      this.emit('maximize');
    }
    isMinimized = () => this.minimized;
    isMaximized = () => this.maximized;
    isVisible = () => this.visible && !this.minimized;
    isDestroyed = () => this.destroyed;
    loadURL(url: string): Promise<void> {
      note(`window.loadURL`);
      this.webContents.url = url;
      return Promise.resolve();
    }
    setTitle(t: string): void {
      this.title = t;
    }
    getNormalBounds(): Rect {
      return { ...this.bounds };
    }
    /** The user dragged or resized the window. */
    moveTo(r: Rect): void {
      this.bounds = { ...r };
      this.emit('moved');
      this.emit('resized');
    }
    setOverlayIcon(img: NativeImage | null, description: string): void {
      this.overlay = img ? { image: imagePath(img), description } : null;
    }
    /** The close button (or Alt+F4): preventable, then `closed`. */
    close(): void {
      const e = preventable();
      this.emit('close', e);
      if (e.defaultPrevented) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
  }

  class MenuDouble {
    constructor(readonly items: MenuItemConstructorOptions[]) {}
  }
  let applicationMenu: MenuDouble | null = null;
  const Menu = {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => new MenuDouble(template),
    setApplicationMenu: (m: object | null) => void (applicationMenu = m as MenuDouble | null),
    get applicationMenu() {
      return applicationMenu;
    },
  };

  class TrayDouble extends EventEmitter {
    static readonly instances: TrayDouble[] = [];
    image: string;
    imageEmpty: boolean;
    tooltip = '';
    menu: MenuDouble | null = null;
    destroyed = false;
    constructor(img: NativeImage) {
      super();
      note('Tray.new');
      this.image = imagePath(img);
      this.imageEmpty = img.isEmpty();
      TrayDouble.instances.push(this);
    }
    setImage(img: NativeImage): void {
      this.image = imagePath(img);
      this.imageEmpty = img.isEmpty();
    }
    setToolTip(t: string): void {
      this.tooltip = t;
    }
    setContextMenu(m: object | null): void {
      this.menu = m as MenuDouble | null;
    }
    isDestroyed = () => this.destroyed;
    destroy(): void {
      this.destroyed = true;
    }
  }

  class NotificationDouble extends EventEmitter {
    static readonly instances: NotificationDouble[] = [];
    static supported = true;
    static isSupported(): boolean {
      return NotificationDouble.supported;
    }
    shown = false;
    closed = false;
    constructor(readonly options: NotificationConstructorOptions) {
      super();
      NotificationDouble.instances.push(this);
    }
    show(): void {
      note('Notification.show');
      this.shown = true;
    }
    close(): void {
      this.closed = true;
    }
    /** The operator pressed the button at this index (Electron 45 passes details, then the old index). */
    pressAction(index: number): void {
      this.emit('action', Object.assign(preventable(), { actionIndex: index, selectionIndex: -1 }), index, -1);
    }
  }

  const powerMonitor = new EventEmitter();
  const handles = new Map<string, (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain = Object.assign(new EventEmitter(), {
    handle: (ch: string, l: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>) => void handles.set(ch, l),
    removeHandler: (ch: string) => void handles.delete(ch),
    handles,
    invokeFrom: (url: string | null, ...args: unknown[]) => {
      const h = handles.get('dnsfleet:invoke');
      if (!h) throw new Error('no handler registered for dnsfleet:invoke');
      return h({ senderFrame: url === null ? null : { url } }, ...args);
    },
  });
  const shell = {
    opened: [] as string[],
    openedPaths: [] as string[],
    openExternal: (url: string) => (shell.opened.push(url), Promise.resolve()),
    openPath: (path: string) => (shell.openedPaths.push(path), Promise.resolve('')),
  };
  const net = { online: true, isOnline: () => net.online };
  const clipboard = { text: '', writeText: (t: string) => void (clipboard.text = t) };
  const dialog = { shown: [] as unknown[], answer: 0, showMessageBox: (o: unknown) => (dialog.shown.push(o), Promise.resolve({ response: dialog.answer })) };
  /** Monitors: tests plug and unplug them. The first is the primary. */
  const screen = {
    displays: [{ bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] as DisplayLike[],
    getAllDisplays: () => screen.displays,
    getPrimaryDisplay: () => screen.displays[0]!,
    getDisplayMatching: (r: Rect) => {
      const overlap = (d: DisplayLike) =>
        Math.max(0, Math.min(r.x + r.width, d.bounds.x + d.bounds.width) - Math.max(r.x, d.bounds.x)) *
        Math.max(0, Math.min(r.y + r.height, d.bounds.y + d.bounds.height) - Math.max(r.y, d.bounds.y));
      return [...screen.displays].sort((a, b) => overlap(b) - overlap(a))[0]!;
    },
  };
  const nativeImage = { createFromPath: (p: string) => image(p), createEmpty: () => image('') };

  const electron = {
    app,
    BrowserWindow: BrowserWindowDouble,
    Tray: TrayDouble,
    Menu,
    Notification: NotificationDouble,
    nativeImage,
    powerMonitor,
    ipcMain,
    session: { defaultSession },
    shell,
    net,
    clipboard,
    dialog,
    screen,
  } satisfies ElectronApi;
  return { ...electron, default: electron, journal, platform: opts.platform };
}

export type ElectronDouble = ReturnType<typeof createElectronDouble>;
export type WindowDouble = InstanceType<ElectronDouble['BrowserWindow']>;

/** Finds a menu item by its label path, e.g. ['dns-1', 'Open'] in a tray menu. */
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

/** Clicks a menu item as Electron would (menuItem, window, event). */
export function click(item: MenuItemConstructorOptions): void {
  if (item.enabled === false) throw new Error(`menu item ${item.label} is disabled`);
  (item.click as (() => void) | undefined)?.();
}
