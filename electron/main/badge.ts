/**
 * The count of unacknowledged critical and error alerts, where each desktop shows such a count:
 * the dock on macOS and the Unity launcher on Linux (app.setBadgeCount), an overlay on the
 * taskbar button on Windows (its description carries the number for screen readers).
 */
import { join } from 'node:path';
import type { Alert } from '../../shared/domain/alert';
import type { Logger } from '../core/platform';
import type { AppLike, BrowserWindowLike, NativeImageApi, NativeImageLike } from './electronApi';

export const badgeCount = (alerts: readonly Alert[]): number =>
  alerts.filter((a) => a.status === 'active' && (a.severity === 'critical' || a.severity === 'error')).length;

export const overlayDescription = (count: number): string =>
  `${count} unacknowledged critical or error alert${count === 1 ? '' : 's'}`;

export interface BadgeDeps {
  app: Pick<AppLike, 'setBadgeCount'>;
  nativeImage: NativeImageApi;
  platform: NodeJS.Platform;
  window: () => BrowserWindowLike | null;
  resourcesDir: string;
  logger: Logger;
}

export class BadgePresenter {
  private overlay: NativeImageLike | null = null;
  private shown = -1;

  constructor(private readonly deps: BadgeDeps) {}

  show(count: number): void {
    if (count === this.shown) return;
    this.shown = count;
    try {
      if (this.deps.platform === 'win32') this.showOverlay(count);
      else this.deps.app.setBadgeCount(count);
    } catch (err) {
      this.deps.logger.warn('could not show the badge', { err });
    }
  }

  private showOverlay(count: number): void {
    const win = this.deps.window();
    if (!win || win.isDestroyed()) return;
    this.overlay ??= this.deps.nativeImage.createFromPath(join(this.deps.resourcesDir, 'badge', 'overlay-alert.png'));
    win.setOverlayIcon(count > 0 ? this.overlay : null, count > 0 ? overlayDescription(count) : '');
  }
}
