/**
 * "In the last 24 h this policy would have notified 7 times": replays the stored alerts through a
 * policy. Each alert counts once when it was raised (if the policy shows it at that local time),
 * plus the escalation repeats it would have had while it stayed critical and unacknowledged.
 * What the engine holds back before the policy (storm gate, maintenance, incidents) is not
 * replayed: the stored alerts are what the engine let through to notification or recorded.
 */
import type { Alert } from '../../../shared/domain/alert';
import { HOUR, MINUTE } from '../../../shared/domain/ids';
import type { NotificationPolicy } from '../../../shared/domain/notificationPolicy';
import { notificationDecision } from './notificationPolicy';

export interface PolicyPreview {
  hours: number;
  /** Alerts raised in the window. */
  alerts: number;
  /** Notifications the policy would have given (first notifications and escalation repeats). */
  notifications: number;
  /** Of those, escalation repeats. */
  repeats: number;
}

const MAX_REPEATS_PER_ALERT = 24 * 60;

/** When an unacknowledged critical stopped needing attention (ack, snooze, resolve), or `now`. */
function attentionEnd(a: Alert, now: number): number {
  const ends = [a.ack?.at, a.resolvedAt, a.status === 'snoozed' ? a.lastSeenAt : null].filter((x): x is string => typeof x === 'string').map(Date.parse);
  return Math.min(now, ...ends.filter(Number.isFinite));
}

export function previewPolicy(stored: readonly Alert[], policy: NotificationPolicy, now: number, hours = 24): PolicyPreview {
  const from = now - hours * HOUR;
  let notifications = 0;
  let repeats = 0;
  let alerts = 0;
  for (const a of stored) {
    const raised = Date.parse(a.raisedAt);
    if (!Number.isFinite(raised) || raised < from || raised > now || a.rule === 'storm') continue;
    alerts++;
    if (notificationDecision(a, policy, new Date(raised)).show) notifications++;
    if (a.severity !== 'critical' || policy.escalateEveryMinutes <= 0) continue;
    const every = policy.escalateEveryMinutes * MINUTE;
    const end = attentionEnd(a, now);
    for (let n = 1, t = raised + every; t <= end && n <= MAX_REPEATS_PER_ALERT; n++, t += every) {
      if (notificationDecision(a, policy, new Date(t), n).show) repeats++;
    }
  }
  return { hours, alerts, notifications: notifications + repeats, repeats };
}
