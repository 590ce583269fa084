// Stand-in for the `electron` module under plain Node (vitest alias). Tests of the
// Electron adapters inject their own fakes; this only keeps imports from failing, plus a few
// recording fakes (Notification, Tray, Menu, nativeImage) for the adapters' unit tests.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';

export const app = {
  getPath: (_name: string): string => process.cwd(),
  getVersion: (): string => '0.0.0-test',
  getAppPath: (): string => process.cwd(),
};

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  shown = false;
  closed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    Notification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

/** As Electron's: an image from a file that is missing or not a PNG/JPEG is empty (an invisible tray icon). */
function decodable(path: string): boolean {
  try {
    const head = readFileSync(path).subarray(0, 8);
    return head.equals(PNG_SIGNATURE) || head.subarray(0, 3).equals(JPEG_SIGNATURE);
  } catch {
    return false;
  }
}

export const nativeImage = {
  createFromPath: (path: string) => {
    const empty = !decodable(path);
    return { path, isEmpty: () => empty };
  },
  createEmpty: () => ({ path: '', isEmpty: () => true }),
};

export const Menu = { buildFromTemplate: (template: unknown[]) => ({ template }) };

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  image: unknown;
  tooltip = '';
  menu: unknown;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export default { app, Notification, nativeImage, Menu, Tray };
