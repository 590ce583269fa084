/** Pure transitions of one Alert record. The engine decides when; these decide what changes. */
import type { Alert } from '../../../shared/domain/alert';
import { severityRank } from '../../../shared/domain/fleetEvent';
import type { RaiseSignal } from './signals';

export const alertMapKey = (serverId: string, key: string): string => `${serverId}\u0000${key}`;
const iso = (ms: number): string => new Date(ms).toISOString();

export function createAlert(s: RaiseSignal, id: string, now: number): Alert {
  return {
    id,
    serverId: s.serverId,
    key: s.key,
    rule: s.rule,
    severity: s.severity,
    title: s.title,
    detail: s.detail,
    status: 'active',
    raisedAt: iso(now),
    lastSeenAt: iso(now),
    resolvedAt: null,
    ack: null,
    snoozedUntil: null,
    eventId: s.eventId,
    count: 1,
    incident: s.incident ?? null,
  };
}

export interface AlertUpdate {
  next: Alert;
  /** Severity rose: the condition is worse than what was acknowledged or snoozed. */
  escalated: boolean;
  /** The rule changed (e.g. forwarder -> flapping): the operator should hear about it once. */
  ruleChanged: boolean;
}

/** The same condition seen again: count it, keep the latest wording, and lift ack/snooze if it got worse. */
export function updateAlert(a: Alert, s: RaiseSignal, now: number): AlertUpdate {
  const escalated = severityRank(s.severity) > severityRank(a.severity);
  const next: Alert = {
    ...a,
    rule: s.rule,
    severity: s.severity,
    title: s.title,
    detail: s.detail,
    lastSeenAt: iso(now),
    count: a.count + 1,
    incident: a.incident ?? s.incident ?? null,
  };
  if (escalated) Object.assign(next, { status: 'active', ack: null, snoozedUntil: null });
  return { next, escalated, ruleChanged: s.rule !== a.rule };
}

/** Another source confirms an open alert: counted, as bad as the worst source, wording and state kept. */
export const corroborateAlert = (a: Alert, s: RaiseSignal, severity: Alert['severity'], now: number): Alert => ({
  ...a,
  severity,
  lastSeenAt: iso(now),
  count: a.count + 1,
  incident: a.incident ?? s.incident ?? null,
});

export const resolveAlert = (a: Alert, now: number): Alert => ({ ...a, status: 'resolved', resolvedAt: iso(now), snoozedUntil: null });

export const acknowledgeAlert = (a: Alert, by: string, note: string, now: number): Alert => ({
  ...a,
  status: 'acknowledged',
  ack: { by, at: iso(now), note },
  snoozedUntil: null,
});

export const snoozeAlert = (a: Alert, untilMs: number): Alert => ({ ...a, status: 'snoozed', snoozedUntil: iso(untilMs) });

/** Back from a snooze: to acknowledged if someone had taken it, else active. */
export const wakeAlert = (a: Alert): Alert => ({ ...a, status: a.ack ? 'acknowledged' : 'active', snoozedUntil: null });

/** Open alerts first, then newest activity first. */
export function compareAlerts(a: Alert, b: Alert): number {
  const open = Number(a.status === 'resolved') - Number(b.status === 'resolved');
  return open !== 0 ? open : b.lastSeenAt.localeCompare(a.lastSeenAt);
}

/** One version per alert id, the later one in the list winning (stored, then recently resolved, then open). */
export function newestVersions(alerts: readonly Alert[]): Alert[] {
  const byId = new Map<string, Alert>();
  for (const a of alerts) byId.set(a.id, a);
  return [...byId.values()];
}
