/** The connection-side derived events a session emits (shared/domain/eventTypes.ts vocabulary). */
import { DERIVED, type ConnectionGapData, type ConnectionStateData, type TlsPinMismatchData } from '../../../shared/domain/eventTypes';
import type { EventCategory, FleetEvent, Severity } from '../../../shared/domain/fleetEvent';
import type { ServerState, ServerStatus } from '../../../shared/domain/serverState';
import { newEventId } from '../hybrid-dns/eventIds';

const STATE_SEVERITY: Record<ServerState, Severity> = {
  connecting: 'info',
  authenticating: 'info',
  live: 'info',
  disabled: 'info',
  stale: 'warning',
  reconnecting: 'warning',
  offline: 'warning',
  'needs-2fa': 'warning',
  replaced: 'warning',
  'auth-failed': 'error',
  'tls-untrusted': 'error',
  'account-locked': 'critical',
};

const STATE_TITLE: Record<ServerState, string> = {
  connecting: 'Connecting',
  authenticating: 'Signing in',
  live: 'Live',
  disabled: 'Monitoring disabled',
  stale: 'No data: link went silent',
  reconnecting: 'Reconnecting',
  offline: 'Server unreachable',
  'needs-2fa': '2FA code needed',
  replaced: 'Session replaced by another login with the same account — use a dedicated monitoring account',
  'auth-failed': 'Sign-in failed',
  'tls-untrusted': 'Certificate not trusted',
  'account-locked': 'Account locked on the server',
};

function make(
  serverId: string,
  now: number,
  type: string,
  category: EventCategory,
  severity: Severity,
  title: string,
  summary: string,
  data: unknown,
  dedupKey: string,
  occurred = now,
): FleetEvent {
  const iso = new Date(now).toISOString();
  return {
    id: newEventId(now),
    serverId,
    type,
    category,
    severity,
    occurredAt: new Date(occurred).toISOString(),
    receivedAt: iso,
    title,
    summary,
    data,
    derived: true,
    dedupKey,
  };
}

export function connectionStateEvent(status: ServerStatus, previous: ServerState | null, now: number): FleetEvent {
  const data: ConnectionStateData = { state: status.state, previous, ...(status.detail ? { detail: status.detail } : {}) };
  const summary = status.detail ?? '';
  return make(
    status.serverId,
    now,
    DERIVED.connectionState,
    'connection',
    STATE_SEVERITY[status.state],
    `${status.name}: ${STATE_TITLE[status.state]}`,
    summary,
    data,
    `state:${status.serverId}:${status.state}@${status.since}:${now}`,
  );
}

export function connectionGapEvent(serverId: string, from: number, to: number, now: number): FleetEvent {
  const data: ConnectionGapData = {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    seconds: Math.round((to - from) / 1000),
  };
  return make(
    serverId,
    now,
    DERIVED.connectionGap,
    'connection',
    'warning',
    `No data from ${data.from} to ${data.to}`,
    `${data.seconds} s without data; events in this window may be missing`,
    data,
    `gap:${serverId}:${data.from}`,
    from,
  );
}

export function pinMismatchEvent(serverId: string, expected: string, presented: string, now: number): FleetEvent {
  const data: TlsPinMismatchData = { expected, presented };
  return make(
    serverId,
    now,
    DERIVED.tlsPinMismatch,
    'security',
    'critical',
    'Server certificate does not match the pinned one',
    `expected ${expected}, presented ${presented}; connection refused`,
    data,
    `pin:${serverId}:${presented}`,
  );
}
