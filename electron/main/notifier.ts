/**
 * Native notifications for raised alerts. A click brings the window forward and opens the alert;
 * where the OS shows notification buttons (macOS, Windows) the operator can acknowledge or snooze
 * it for an hour from the notification itself. Whether and how loudly is the user's setting
 * (notificationPolicy.ts, moving into the core).
 */
import type { Alert } from '../../shared/domain/alert';
import type { NotificationDelivery } from '../../shared/domain/notificationPolicy';
import type { Logger, Notifier } from '../core/platform';
import type { NotificationApi, NotificationLike } from './electronApi';
import { notificationContent, notificationDecision, type NotificationPrefs } from './notificationPolicy';

export type NotificationAction = 'acknowledge' | 'snooze';
/** Button order in the notification; the OS reports the index of the one pressed. */
export const NOTIFICATION_ACTIONS: readonly { action: NotificationAction; text: string }[] = [
  { action: 'acknowledge', text: 'Acknowledge' },
  { action: 'snooze', text: 'Snooze 1 h' },
];
/** Electron shows action buttons on macOS and Windows only. */
export const supportsNotificationActions = (platform: NodeJS.Platform): boolean => platform === 'darwin' || platform === 'win32';

export interface ElectronNotifierDeps {
  Notification: NotificationApi;
  platform: NodeJS.Platform;
  prefs: () => NotificationPrefs;
  /** The user clicked the notification. */
  onActivate: (alert: Alert) => void;
  /** The user pressed one of its buttons. */
  onAction: (alert: Alert, action: NotificationAction) => void;
  iconPath?: string;
  logger: Logger;
  now?: () => Date;
}

/** Notifications still on screen; Electron drops click handlers of garbage-collected ones. */
const MAX_LIVE = 50;

export class ElectronNotifier implements Notifier {
  private readonly live = new Set<NotificationLike>();

  constructor(private readonly deps: ElectronNotifierDeps) {}

  /** `how` comes from the core's policy (it already decided to show it); without it the policy is applied here. */
  notify(alert: Alert, how?: NotificationDelivery): void {
    const decision = how ? { show: true, ...how } : notificationDecision(alert, this.deps.prefs(), this.deps.now?.() ?? new Date());
    if (!decision.show) return;
    if (!this.deps.Notification.isSupported()) {
      this.deps.logger.info('native notifications are not supported here', { alertId: alert.id });
      return;
    }
    const { title, body } = notificationContent(alert, how?.repeat ?? 0);
    const actions = supportsNotificationActions(this.deps.platform);
    const n = new this.deps.Notification({
      title,
      body,
      silent: decision.silent,
      icon: this.deps.iconPath,
      urgency: alert.severity === 'critical' || how?.loud ? 'critical' : 'normal',
      // A critical alert stays on screen until the operator deals with it (Windows, Linux).
      timeoutType: alert.severity === 'critical' ? 'never' : 'default',
      ...(actions ? { actions: NOTIFICATION_ACTIONS.map((a) => ({ type: 'button' as const, text: a.text })) } : {}),
    });
    this.wire(n, alert);
    this.live.add(n);
    if (this.live.size > MAX_LIVE) this.live.delete(this.live.values().next().value as NotificationLike);
    n.show();
  }

  dispose(): void {
    for (const n of this.live) n.close();
    this.live.clear();
  }

  /** Every listener survives a throw from the app side: one bad click must not end the process. */
  private wire(n: NotificationLike, alert: Alert): void {
    const forget = () => this.live.delete(n);
    const guarded = (what: string, fn: () => void) => {
      try {
        fn();
      } catch (err) {
        this.deps.logger.error(`notification ${what} failed`, { err, alertId: alert.id });
      }
    };
    n.on('click', () => {
      forget();
      guarded('click', () => this.deps.onActivate(alert));
    });
    n.on('action', (details, legacyIndex) => {
      forget();
      const index = typeof details?.actionIndex === 'number' ? details.actionIndex : legacyIndex;
      const action = Number.isInteger(index) ? NOTIFICATION_ACTIONS[index]?.action : undefined;
      if (action) guarded('action', () => this.deps.onAction(alert, action));
    });
    n.on('close', forget);
    n.on('failed', (_e, error) => {
      forget();
      this.deps.logger.warn('notification failed', { error });
    });
  }
}
