/** Builders for the fake core: plausible servers, events and alerts without any real server. */
import type { Alert } from '../../../shared/domain/alert';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { ForwarderSnapshot, ServerState, ServerStatus } from '../../../shared/domain/serverState';
import type { EventFilter } from '../../../shared/ipc/schemas';

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${String(++seq).padStart(6, '0')}`;

export function forwarders(healthy: number, total: number): ForwarderSnapshot[] {
  return Array.from({ length: total }, (_, i) => ({
    id: i + 1,
    name: ['Cloudflare', 'Quad9', 'Google', 'Corp AD', 'ISP'][i % 5] ?? `fwd-${i + 1}`,
    type: i % 2 ? 'conditional' : 'global',
    status: i < healthy ? 'healthy' : 'unhealthy',
    healthyServers: i < healthy ? 2 : 0,
    totalServers: 2,
    lastChecked: new Date().toISOString(),
  }));
}

export function serverStatus(serverId: string, state: ServerState, over: Partial<ServerStatus> = {}): ServerStatus {
  const now = new Date().toISOString();
  return {
    serverId,
    name: over.name ?? serverId,
    state,
    since: now,
    lastDataAt: state === 'live' ? now : null,
    stack: 'legacy',
    reconnect: state === 'reconnecting' ? { attempt: 3, nextAt: new Date(Date.now() + 20_000).toISOString() } : null,
    tlsFingerprint: state === 'tls-untrusted' ? 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89' : null,
    forwarders: forwarders(3, 3),
    bindRunning: true,
    hasCredential: true,
    ...over,
  };
}

export function fleetEvent(over: Partial<FleetEvent> = {}): FleetEvent {
  const at = over.occurredAt ?? new Date().toISOString();
  return {
    id: nextId('ev'),
    serverId: 'dns-1',
    type: 'forwarder_status_change',
    category: 'health',
    severity: 'warning',
    occurredAt: at,
    receivedAt: at,
    title: 'Forwarder Quad9 is unhealthy',
    summary: '0 of 2 upstreams answer',
    data: {},
    derived: true,
    dedupKey: nextId('dk'),
    ...over,
  };
}

export function alert(over: Partial<Alert> = {}): Alert {
  const now = new Date().toISOString();
  return {
    id: nextId('al'),
    serverId: 'dns-1',
    key: 'forwarder:2',
    rule: 'forwarder-unhealthy',
    severity: 'error',
    title: 'Forwarder Quad9 unhealthy',
    detail: '0 of 2 upstreams answer',
    status: 'active',
    raisedAt: now,
    lastSeenAt: now,
    resolvedAt: null,
    ack: null,
    snoozedUntil: null,
    eventId: null,
    count: 1,
    ...over,
  };
}

/** The same filter semantics the real event log has, enough for UI tests. */
export function matches(e: FleetEvent, f: EventFilter): boolean {
  if (f.servers?.length && !f.servers.includes(e.serverId)) return false;
  if (f.categories?.length && !f.categories.includes(e.category)) return false;
  if (f.severities?.length && !f.severities.includes(e.severity)) return false;
  if (f.types?.length && !f.types.includes(e.type)) return false;
  if (f.derived !== undefined && e.derived !== f.derived) return false;
  if (f.since && e.occurredAt < new Date(f.since).toISOString()) return false;
  if (f.until && e.occurredAt >= new Date(f.until).toISOString()) return false;
  if (f.search) {
    const hay = `${e.title} ${e.summary} ${JSON.stringify(e.data)}`.toLowerCase();
    if (!f.search.toLowerCase().split(/\s+/).every((w) => hay.includes(w))) return false;
  }
  return true;
}

export function countBy(events: FleetEvent[], key: (e: FleetEvent) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) out[key(e)] = (out[key(e)] ?? 0) + 1;
  return out;
}
