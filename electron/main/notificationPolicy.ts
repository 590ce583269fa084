/**
 * Pure notification policy and wording (tested under Node). The alert engine already decided that
 * the operator should hear about an alert; this applies the user's notification settings.
 */
import type { Alert } from '../../shared/domain/alert';
import { severityRank, type Severity } from '../../shared/domain/fleetEvent';

export interface NotificationPrefs {
  enabled: boolean;
  minSeverity: Severity;
  sound: boolean;
  quietHours: { start: string; end: string } | null;
}

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
 * silently (a locked account or BIND down at 3 am is why a NOC runs this app).
 */
export function notificationDecision(alert: Alert, prefs: NotificationPrefs, localTime: Date): { show: boolean; silent: boolean } {
  if (!prefs.enabled || severityRank(alert.severity) < severityRank(prefs.minSeverity)) return { show: false, silent: true };
  if (inQuietHours(prefs.quietHours, localTime)) return { show: alert.severity === 'critical', silent: true };
  return { show: true, silent: !prefs.sound };
}

const LABEL: Record<Severity, string> = { debug: 'Debug', info: 'Info', warning: 'Warning', error: 'Error', critical: 'Critical' };
const MAX_BODY = 240;

/** Title says severity in words (not only a colour); body is the detail, shortened for the OS. */
export function notificationContent(alert: Alert): { title: string; body: string } {
  const repeats = alert.count > 1 && alert.rule !== 'storm' ? ` (seen ${alert.count}×)` : '';
  const body = `${alert.detail}${repeats}`;
  return { title: `${LABEL[alert.severity]}: ${alert.title}`, body: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY - 1)}…` : body };
}
