/**
 * Per-server snapshots for the diagnostics bundle: everything the running core knows about each
 * server's link (state, stack, last data, retry, blind since/cause), its verdict and open alerts.
 * The one place to extend when the connection inspector's snapshot lands: the bundle takes this list.
 */
import type { Alert } from '../../../shared/domain/alert';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { ServerVerdict } from '../../../shared/domain/verdict';

export interface ServerSnapshotSources {
  statuses(): ServerStatus[];
  verdict(serverId: string): ServerVerdict | undefined;
  openAlerts(): Alert[];
  /** The age after which health data counts as stale for the verdict (null: not known yet). */
  healthStaleAfterMs(serverId: string): number | null;
  /** The connection inspector's snapshot of the server's link (sockets, subscriptions, ping, frames), where there is one. */
  inspector?(serverId: string): unknown;
}

export interface ServerSnapshot {
  serverId: string;
  status: ServerStatus;
  verdict: ServerVerdict | null;
  healthStaleAfterMs: number | null;
  openAlerts: Pick<Alert, 'id' | 'rule' | 'severity' | 'title' | 'status' | 'raisedAt' | 'lastSeenAt' | 'count' | 'ack' | 'snoozedUntil'>[];
  /** null: no inspector snapshot in this build or for this server. */
  inspector: unknown;
}

export function serverSnapshots(s: ServerSnapshotSources): ServerSnapshot[] {
  const alertsOf = new Map<string, ServerSnapshot['openAlerts']>();
  for (const a of s.openAlerts()) {
    const list = alertsOf.get(a.serverId) ?? [];
    list.push({ id: a.id, rule: a.rule, severity: a.severity, title: a.title, status: a.status, raisedAt: a.raisedAt, lastSeenAt: a.lastSeenAt, count: a.count, ack: a.ack, snoozedUntil: a.snoozedUntil });
    alertsOf.set(a.serverId, list);
  }
  return s.statuses().map((status) => ({
    serverId: status.serverId,
    status,
    verdict: s.verdict(status.serverId) ?? null,
    healthStaleAfterMs: s.healthStaleAfterMs(status.serverId),
    openAlerts: alertsOf.get(status.serverId) ?? [],
    inspector: s.inspector?.(status.serverId) ?? null,
  }));
}
