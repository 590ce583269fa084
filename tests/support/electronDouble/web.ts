/** Images, the session (webRequest, permissions) and web contents of the Electron double. */
import { EventEmitter } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import type { NativeImage } from 'electron';
import type { SessionLike, WebContentsLike } from '../../../electron/main/electronApi';
import { preventable } from './events';

export interface ImageDouble {
  path: string;
  isEmpty(): boolean;
  setTemplateImage(option: boolean): void;
}
/** As in Electron, an image from a path that holds no readable file is empty. */
export const image = (path: string): NativeImage => {
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
