/**
 * BrowserWindow of the Electron double. A window's `close` is preventable; `closed` follows an
 * unprevented one. Each double gets its own subclass (windowClass), so instances never mix.
 */
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, NativeImage } from 'electron';
import type { Rect } from '../../../electron/main/electronApi';
import { preventable, type DoubleContext } from './events';
import { imagePath, WebContentsDouble, type SessionDouble } from './web';

export interface WindowContext extends DoubleContext {
  session: SessionDouble;
  /** Electron announces every new web contents on the app. */
  created(contents: WebContentsDouble): void;
}

export class BrowserWindowDouble extends EventEmitter {
  static ctx: WindowContext;
  static instances: BrowserWindowDouble[];
  readonly webContents: WebContentsDouble;
  visible = false;
  minimized = false;
  focused = false;
  destroyed = false;
  maximized = false;
  title = '';
  overlay: { image: string; description: string } | null = null;
  bounds: Rect;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    const kind = this.constructor as typeof BrowserWindowDouble;
    kind.ctx.note('BrowserWindow.new');
    kind.instances.push(this);
    this.webContents = new WebContentsDouble(kind.ctx.session);
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
    kind.ctx.created(this.webContents);
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
    (this.constructor as typeof BrowserWindowDouble).ctx.note('window.loadURL');
    this.webContents.url = url;
    return Promise.resolve();
  }
  setTitle(t: string): void {
    this.title = t;
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  setOverlayIcon(img: NativeImage | null, description: string): void {
    this.overlay = img ? { image: imagePath(img), description } : null;
  }
  /** The user dragged or resized the window. */
  moveTo(r: Rect): void {
    this.bounds = { ...r };
    this.emit('moved');
    this.emit('resized');
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

export const windowClass = (ctx: WindowContext) =>
  class extends BrowserWindowDouble {
    static override ctx = ctx;
    static override instances: BrowserWindowDouble[] = [];
  };
