/**
 * Native notifications for raised alerts. A click brings the window forward and opens the alert.
 * Settings decide whether and how loudly (notificationPolicy.ts).
 */
import { Notification } from 'electron';
import type { Alert } from '../../shared/domain/alert';
import type { Logger, Notifier } from '../core/platform';
import { notificationContent, notificationDecision, type NotificationPrefs } from './notificationPolicy';

export interface ElectronNotifierDeps {
  prefs: () => NotificationPrefs;
  /** The user clicked the notification. */
  onActivate: (alert: Alert) => void;
  iconPath?: string;
  logger: Logger;
  now?: () => Date;
}

/** Notifications still on screen; Electron drops click handlers of garbage-collected ones. */
const MAX_LIVE = 50;

export class ElectronNotifier implements Notifier {
  private readonly live = new Set<Notification>();

  constructor(private readonly deps: ElectronNotifierDeps) {}

  notify(alert: Alert): void {
    const decision = notificationDecision(alert, this.deps.prefs(), this.deps.now?.() ?? new Date());
    if (!decision.show) return;
    if (!Notification.isSupported()) {
      this.deps.logger.info('native notifications are not supported here', { alertId: alert.id });
      return;
    }
    const { title, body } = notificationContent(alert);
    const n = new Notification({
      title,
      body,
      silent: decision.silent,
      icon: this.deps.iconPath,
      urgency: alert.severity === 'critical' ? 'critical' : 'normal',
    });
    const forget = () => this.live.delete(n);
    n.on('click', () => {
      forget();
      this.deps.onActivate(alert);
    });
    n.on('close', forget);
    n.on('failed', (_e, error) => {
      forget();
      this.deps.logger.warn('notification failed', { error });
    });
    this.live.add(n);
    if (this.live.size > MAX_LIVE) this.live.delete(this.live.values().next().value as Notification);
    n.show();
  }

  dispose(): void {
    for (const n of this.live) n.close();
    this.live.clear();
  }
}
