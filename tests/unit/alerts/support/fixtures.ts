import type { Alert } from '../../../../shared/domain/alert';
import type { FleetEvent, Severity } from '../../../../shared/domain/fleetEvent';
import type { ForwarderStatus, ServerState, ServerStatus } from '../../../../shared/domain/serverState';
import { AlertEngine } from '../../../../electron/core/alerts/AlertEngine';
import type { AlertRulesConfig } from '../../../../electron/core/alerts/alertRules';
import { nullLogger } from '../../../../electron/core/util/logger';
import { FakeClock } from './FakeClock';

/** The real store's cap on one listAlerts answer (alertRows.ts). */
export const STORE_LIST_CAP = 10_000;

/**
 * The event log's alert table, in memory: keeps the latest version of each alert by id and answers
 * like the real one (most recently seen first, at most STORE_LIST_CAP rows), so a caller that asks
 * for too little or filters after the limit loses alerts here as it would in SQLite.
 */
export class MemoryAlertStore {
  readonly rows = new Map<string, Alert>();
  saves = 0;
  saveAlert(a: Alert): void {
    this.saves++;
    this.rows.set(a.id, structuredClone(a));
  }
  listAlerts(o: { includeResolved: boolean; limit: number }): Alert[] {
    const limit = Math.max(1, Math.min(STORE_LIST_CAP, Math.floor(o.limit)));
    return [...this.rows.values()]
      .filter((a) => o.includeResolved || a.status !== 'resolved')
      .sort((a, b) => (a.lastSeenAt < b.lastSeenAt ? 1 : a.lastSeenAt > b.lastSeenAt ? -1 : 0))
      .slice(0, limit);
  }
}

let seq = 0;
export function event(serverId: string, type: string, data: unknown, severity: Severity = 'info', clock?: FakeClock): FleetEvent {
  const at = new Date(clock?.now() ?? Date.now()).toISOString();
  seq++;
  return {
    id: `ev-${seq}`,
    serverId,
    type,
    category: 'health',
    severity,
    occurredAt: at,
    receivedAt: at,
    title: type,
    summary: '',
    data,
    derived: true,
    dedupKey: `k-${seq}`,
  };
}

export const forwarderChange = (
  serverId: string,
  forwarderId: number,
  newStatus: ForwarderStatus,
  oldStatus: ForwarderStatus | null = null,
): FleetEvent =>
  event(serverId, 'forwarder_status_change', {
    forwarderId,
    forwarderName: `fw-${forwarderId}`,
    oldStatus,
    newStatus,
    healthyServers: newStatus === 'healthy' ? 2 : 0,
    totalServers: 2,
  });

export function status(serverId: string, state: ServerState, extra: Partial<ServerStatus> = {}): ServerStatus {
  return {
    serverId,
    name: `DNS ${serverId}`,
    state,
    since: new Date().toISOString(),
    lastDataAt: null,
    stack: 'legacy',
    reconnect: null,
    forwarders: [],
    bindRunning: null,
    ...extra,
  };
}

export interface Harness {
  clock: FakeClock;
  store: MemoryAlertStore;
  engine: AlertEngine;
  raised: Alert[];
  changed: Alert[];
  /** Open alerts by key for a server. */
  openAlert(serverId: string, key: string): Alert | undefined;
}

export function harness(rules: Partial<AlertRulesConfig> = {}, seed?: { store?: MemoryAlertStore; clock?: FakeClock }): Harness {
  const clock = seed?.clock ?? new FakeClock();
  const store = seed?.store ?? new MemoryAlertStore();
  const engine = new AlertEngine({ clock, logger: nullLogger, store, rules });
  const raised: Alert[] = [];
  const changed: Alert[] = [];
  engine.onDidRaise((a) => raised.push(a));
  engine.onDidChange((a) => changed.push(a));
  const openAlert = (serverId: string, key: string) =>
    engine.list({ includeResolved: false, limit: 1000 }).find((a) => a.serverId === serverId && a.key === key);
  return { clock, store, engine, raised, changed, openAlert };
}
