/**
 * The slice of Electron's main-process API this host uses. Every unit takes the part it needs as a
 * parameter, so the whole composition runs in vitest against tests/support/electronDouble.ts.
 * index.ts hands in the real modules: the compiler then checks each signature below against
 * node_modules/electron/electron.d.ts, so the interfaces cannot drift from the real API.
 */
import type { BrowserWindowConstructorOptions, NativeImage, MenuItemConstructorOptions, MessageBoxOptions, NotificationConstructorOptions, SaveDialogOptions } from 'electron';

export interface PreventableEvent {
  preventDefault(): void;
}
export interface SessionEndEvent extends PreventableEvent {
  reasons: Array<'shutdown' | 'close-app' | 'critical' | 'logoff'>;
}
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The real type: Electron's setters take a full NativeImage, and a narrower interface would not be
 * accepted by them. The double's images are plain records cast to it.
 */
export type NativeImageLike = NativeImage;
export interface DisplayLike {
  bounds: Rect;
  workArea: Rect;
}
/** Usable only after `ready`. */
export interface ScreenLike {
  getAllDisplays(): DisplayLike[];
  getDisplayMatching(rect: Rect): DisplayLike;
  getPrimaryDisplay(): DisplayLike;
}

export interface NativeImageApi {
  createFromPath(path: string): NativeImageLike;
  createEmpty(): NativeImageLike;
}

export interface AppLike {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  setAppUserModelId(id: string): void;
  whenReady(): Promise<void>;
  quit(): void;
  exit(exitCode?: number): void;
  relaunch(): void;
  getPath(name: 'userData' | 'downloads'): string;
  getAppPath(): string;
  getVersion(): string;
  /** macOS dock, Linux Unity launcher. */
  setBadgeCount(count?: number): boolean;
  setLoginItemSettings(settings: { openAtLogin?: boolean; openAsHidden?: boolean; args?: string[] }): void;
  on(event: 'second-instance', listener: (event: PreventableEvent, argv: string[], workingDirectory: string) => void): unknown;
  on(event: 'activate', listener: (event: PreventableEvent, hasVisibleWindows: boolean) => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: PreventableEvent, webContents: WebContentsLike) => void): unknown;
  on(event: 'render-process-gone', listener: (event: PreventableEvent, webContents: WebContentsLike, details: { reason: string }) => void): unknown;
}

export interface WebRequestLike {
  onHeadersReceived(
    listener:
      | ((
          details: { url: string; resourceType: string; responseHeaders?: Record<string, string[]> },
          callback: (response: { cancel?: boolean; responseHeaders?: Record<string, string | string[]> }) => void,
        ) => void)
      | null,
  ): void;
}

export interface SessionLike {
  readonly webRequest: WebRequestLike;
  setPermissionRequestHandler(
    handler: ((webContents: WebContentsLike, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((webContents: WebContentsLike | null, permission: string, requestingOrigin: string) => boolean) | null): void;
}

export interface WebContentsLike {
  readonly session: SessionLike;
  getURL(): string;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  executeJavaScript(code: string): Promise<unknown>;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  minimize(): void;
  maximize(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isVisible(): boolean;
  isDestroyed(): boolean;
  loadURL(url: string): Promise<void>;
  setTitle(title: string): void;
  getNormalBounds(): Rect;
  /** Windows taskbar badge. */
  setOverlayIcon(overlay: NativeImageLike | null, description: string): void;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed' | 'ready-to-show' | 'moved' | 'resized' | 'maximize' | 'unmaximize', listener: () => void): unknown;
  on(event: 'session-end' | 'query-session-end', listener: (event: SessionEndEvent) => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}
export type BrowserWindowApi = new (options: BrowserWindowConstructorOptions) => BrowserWindowLike;

export type MenuLike = object;
export interface MenuApi {
  buildFromTemplate(template: MenuItemConstructorOptions[]): MenuLike;
  setApplicationMenu(menu: MenuLike | null): void;
}

export interface TrayLike {
  setImage(image: NativeImageLike): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: MenuLike | null): void;
  isDestroyed(): boolean;
  destroy(): void;
  on(event: 'click' | 'double-click', listener: () => void): unknown;
}
export type TrayApi = new (image: NativeImageLike) => TrayLike;

export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click' | 'show', listener: () => void): unknown;
  on(event: 'close', listener: (event: unknown) => void): unknown;
  on(event: 'action', listener: (details: { actionIndex: number }, actionIndex: number) => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
}
export interface NotificationApi {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

export interface PowerMonitorLike {
  on(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen', listener: () => void): unknown;
  /** Linux and macOS; the event can be prevented to gain a moment for a clean exit. */
  on(event: 'shutdown', listener: (event?: PreventableEvent) => void): unknown;
  off(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen', listener: () => void): unknown;
  off(event: 'shutdown', listener: (event?: PreventableEvent) => void): unknown;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
  openPath(path: string): Promise<string>;
  showItemInFolder(fullPath: string): void;
}

export interface ElectronApi {
  app: AppLike;
  BrowserWindow: BrowserWindowApi;
  Tray: TrayApi;
  Menu: MenuApi;
  Notification: NotificationApi;
  nativeImage: NativeImageApi;
  powerMonitor: PowerMonitorLike;
  ipcMain: IpcMainLike;
  session: { readonly defaultSession: SessionLike };
  shell: ShellLike;
  net: { isOnline(): boolean };
  clipboard: { writeText(text: string): void };
  dialog: {
    showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
    showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  };
  screen: ScreenLike;
}

/** Matches electron-builder.yml's appId: Windows ties toasts and taskbar grouping to this id. */
export const APP_USER_MODEL_ID = 'org.dnsfleet.monitor';
