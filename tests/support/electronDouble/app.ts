/**
 * The `app` module of the Electron double. Documented behaviour it follows: quit() emits a
 * preventable `before-quit` and exits only if nobody prevented it; exit() ends at once without it.
 */
import { EventEmitter } from 'node:events';
import { preventable, type DoubleContext } from './events';

export class AppDouble extends EventEmitter {
  isPackaged = true;
  hasLock = true;
  appUserModelId: string | null = null;
  badgeCount: number | null = null;
  loginItem: unknown = null;
  exitCode: number | null = null;
  /** Resolves with the exit code once the app called exit(). */
  readonly exit$: Promise<number>;
  private readonly ready: Promise<void>;
  private readyResolve: () => void = () => {};
  private exited: (code: number) => void = () => {};

  constructor(private readonly ctx: DoubleContext & { userData: string; appPath: string }) {
    super();
    this.ready = new Promise<void>((r) => (this.readyResolve = r));
    this.exit$ = new Promise<number>((r) => (this.exited = r));
  }
  requestSingleInstanceLock(): boolean {
    this.ctx.note('app.requestSingleInstanceLock');
    return this.hasLock;
  }
  setAppUserModelId(id: string): void {
    this.ctx.note(`app.setAppUserModelId ${id}`);
    this.appUserModelId = id;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  /** The OS finished launching us. */
  fireReady(): void {
    this.ctx.note('app.ready');
    this.readyResolve();
  }
  quit(): void {
    this.ctx.note('app.quit');
    const e = preventable();
    this.emit('before-quit', e);
    if (!e.defaultPrevented) this.exit(0);
  }
  exit(code = 0): void {
    this.ctx.note(`app.exit ${code}`);
    this.exitCode ??= code;
    this.exited(code);
  }
  relaunch(): void {
    this.ctx.note('app.relaunch');
  }
  getPath(): string {
    return this.ctx.userData;
  }
  getAppPath(): string {
    return this.ctx.appPath;
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
