import { describe, expect, it } from 'vitest';
import { serverSnapshots } from '../../../electron/core/diagnostics/serverSnapshots';
import type { Alert } from '../../../shared/domain/alert';
import type { ServerStatus } from '../../../shared/domain/serverState';

const status = (serverId: string, state: ServerStatus['state']): ServerStatus => ({ serverId, name: serverId, state, since: '2026-12-06T20:00:00.000Z', lastDataAt: null, stack: 'unified', reconnect: state === 'reconnecting' ? { attempt: 3, nextAt: '2026-12-06T20:01:00.000Z' } : null, forwarders: [], bindRunning: null });
const alert = (id: string, serverId: string): Alert => ({ id, serverId, key: 'bind', rule: 'bind', severity: 'critical', title: 'BIND down', detail: 'named stopped', status: 'active', raisedAt: '2026-12-06T20:00:00.000Z', lastSeenAt: '2026-12-06T20:00:00.000Z', resolvedAt: null, ack: null, snoozedUntil: null, eventId: null, count: 1 });

describe('per-server snapshots for the diagnostics bundle', () => {
  it('join each server state with its verdict, its own open alerts, and the inspector snapshot where there is one', () => {
    const snaps = serverSnapshots({
      statuses: () => [status('dns-a', 'live'), status('__proto__', 'reconnecting')],
      verdict: (id) => (id === 'dns-a' ? { serverId: 'dns-a', level: 'critical', reasons: ['BIND is not running'], acknowledged: null } as never : undefined),
      openAlerts: () => [alert('a1', 'dns-a'), alert('a2', '__proto__'), alert('a3', 'dns-gone')],
      healthStaleAfterMs: (id) => (id === 'dns-a' ? 150_000 : null),
      inspector: (id) => (id === 'dns-a' ? { ping: { lastMs: 12 } } : null),
    });
    expect(snaps.map((s) => [s.serverId, s.status.state, s.verdict?.level ?? null, s.openAlerts.map((a) => a.id), s.inspector])).toEqual([
      ['dns-a', 'live', 'critical', ['a1'], { ping: { lastMs: 12 } }],
      ['__proto__', 'reconnecting', null, ['a2'], null],
    ]);
    expect(snaps[1]!.status.reconnect).toEqual({ attempt: 3, nextAt: '2026-12-06T20:01:00.000Z' });
    expect(snaps[0]!.healthStaleAfterMs).toBe(150_000);
    // No alert detail (free text from a server) beyond its title.
    expect(Object.keys(snaps[0]!.openAlerts[0]!)).not.toContain('detail');
  });
});
