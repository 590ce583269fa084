/** Builders for history tests: a server status and a stored event at a time. */
import { DAY } from '../../../shared/domain/ids';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { ServerStatus } from '../../../shared/domain/serverState';

export const NOW = Date.UTC(2026, 11, 6, 12, 0, 30);
export const SERVER = 'dns-hq-1';

export function status(over: Partial<ServerStatus> = {}): ServerStatus {
  return { serverId: SERVER, name: 'HQ 1', state: 'live', since: new Date(NOW - DAY).toISOString(), lastDataAt: null, stack: 'unified', reconnect: null, forwarders: [], bindRunning: true, ...over };
}

let n = 0;
export function event(type: string, atMs: number, over: Partial<FleetEvent> = {}): FleetEvent {
  n++;
  const iso = new Date(atMs).toISOString();
  return { id: `e${n}`, serverId: SERVER, type, category: 'system', severity: 'info', occurredAt: iso, receivedAt: iso, title: type, summary: '', data: {}, derived: false, dedupKey: `k${n}-${type}-${atMs}`, ...over };
}

