/**
 * The alerting policy, pure (tested under Node) and applied by the core in every host
 * (AlertNotifications): the alert engine decided that the operator should hear about an alert;
 * this applies the user's policy — on/off, minimum severity, quiet hours, sound, escalation.
 */
import type { Alert } from '../../../shared/domain/alert';
import { severityRank, type Severity } from '../../../shared/domain/fleetEvent';
import type { NotificationDelivery, NotificationPolicy } from '../../../shared/domain/notificationPolicy';

/** Kept for the Electron host's notifier: the policy is the settings' `notifications` section. */
export type NotificationPrefs = Pick<NotificationPolicy, 'enabled' | 'minSeverity' | 'sound' | 'quietHours'> & Partial<NotificationPolicy>;

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Local wall-clock window; `22:00–07:00` wraps midnight. An empty window (start = end) is never quiet. */
export function inQuietHours(quiet: NotificationPrefs['quietHours'], localTime: Date): boolean {
  if (!quiet) return false;
  const now = localTime.getHours() * 60 + localTime.getMinutes();
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * Show it? With sound? Quiet hours hold back pop-ups, except critical alerts, which break through
 * silently (a locked account or BIND down at 3 am is why a NOC runs this app). A repeat of an
 * unacknowledged critical (`repeat` > 0) is loud: with sound even when sound is off, except in
 * quiet hours, where it still only breaks through silently.
 */
export function notificationDecision(alert: Alert, prefs: NotificationPrefs, localTime: Date, repeat = 0): { show: boolean; silent: boolean } & Partial<NotificationDelivery> {
  if (!prefs.enabled || severityRank(alert.severity) < severityRank(prefs.minSeverity)) return { show: false, silent: true };
  if (inQuietHours(prefs.quietHours, localTime)) return { show: alert.severity === 'critical', silent: true };
  if (repeat > 0) return { show: true, silent: false, loud: true, repeat };
  return { show: true, silent: !prefs.sound };
}

/** The full delivery for a shown notification (what the hosts receive). */
export function deliveryOf(decision: ReturnType<typeof notificationDecision>): NotificationDelivery {
  return { silent: decision.silent, loud: decision.loud ?? false, repeat: decision.repeat ?? 0 };
}

const LABEL: Record<Severity, string> = { debug: 'Debug', info: 'Info', warning: 'Warning', error: 'Error', critical: 'Critical' };
const MAX_BODY = 240;

/** Title says severity in words (not only a colour); body is the detail, shortened for the OS. */
export function notificationContent(alert: Alert, repeat = 0): { title: string; body: string } {
  const repeats = alert.count > 1 && alert.rule !== 'storm' ? ` (seen ${alert.count}×)` : '';
  const body = `${alert.detail}${repeats}`;
  const still = repeat > 0 ? 'Still unacknowledged — ' : '';
  return { title: `${still}${LABEL[alert.severity]}: ${alert.title}`, body: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY - 1)}…` : body };
}
