/** Tray, Menu and Notification of the Electron double; each double gets its own subclasses. */
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions, NativeImage, NotificationConstructorOptions } from 'electron';
import { preventable, type DoubleContext } from './events';
import { imagePath } from './web';

export class MenuDouble {
  constructor(readonly items: MenuItemConstructorOptions[]) {}
}

export function menuApi() {
  let applicationMenu: MenuDouble | null = null;
  return {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => new MenuDouble(template),
    setApplicationMenu: (m: object | null) => void (applicationMenu = m as MenuDouble | null),
    get applicationMenu() {
      return applicationMenu;
    },
  };
}

export class TrayDouble extends EventEmitter {
  static ctx: DoubleContext;
  static instances: TrayDouble[];
  image: string;
  imageEmpty: boolean;
  tooltip = '';
  menu: MenuDouble | null = null;
  destroyed = false;
  constructor(img: NativeImage) {
    super();
    const kind = this.constructor as typeof TrayDouble;
    kind.ctx.note('Tray.new');
    kind.instances.push(this);
    this.image = imagePath(img);
    this.imageEmpty = img.isEmpty();
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

export class NotificationDouble extends EventEmitter {
  static ctx: DoubleContext;
  static instances: NotificationDouble[];
  static supported = true;
  static isSupported(): boolean {
    return this.supported;
  }
  shown = false;
  closed = false;
  constructor(readonly options: NotificationConstructorOptions) {
    super();
    (this.constructor as typeof NotificationDouble).instances.push(this);
  }
  show(): void {
    (this.constructor as typeof NotificationDouble).ctx.note('Notification.show');
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

export const trayClass = (ctx: DoubleContext) =>
  class extends TrayDouble {
    static override ctx = ctx;
    static override instances: TrayDouble[] = [];
  };
export const notificationClass = (ctx: DoubleContext) =>
  class extends NotificationDouble {
    static override ctx = ctx;
    static override instances: NotificationDouble[] = [];
  };
