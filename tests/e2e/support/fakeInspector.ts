/** A plausible connection-inspector snapshot for the UI tests over the FakeCore (the real one comes from the core). */
import type { InspectorSnapshot, TailFrame } from '../../../shared/domain/inspector';

export function fakeInspectorSnapshot(serverId: string, now = Date.now()): InspectorSnapshot {
  const iso = (agoMs: number) => new Date(now - agoMs).toISOString();
  return {
    serverId,
    takenAt: iso(0),
    state: 'live',
    stack: 'unified',
    sockets: [{ label: '/api/unified/ws', stack: 'unified', state: 'open', openedAt: iso(600_000), closedAt: null, closeReason: null, welcomed: true, pongsSent: 20 }],
    subscriptions: {
      requested: ['health_alert', 'zone_created', 'admin_broadcast'],
      confirmed: ['admin_broadcast', 'health_alert', 'zone_created'],
      lastAdded: ['admin_broadcast', 'health_alert', 'zone_created'],
      refused: [],
      requestsSent: 1,
      confirmations: 1,
      lastRequestAt: iso(599_000),
      lastConfirmedAt: iso(598_900),
    },
    ping: { lastMs: 1.8, lastAt: iso(3000), p50Ms: 1.2, p95Ms: 4.5, samples: 120, sent: 121, answered: 120 },
    frames: {
      total: 250,
      perMinute: [{ type: 'system_status/query_update', count: 42 }, { type: 'ping', count: 2 }],
      totals: [{ type: 'system_status/query_update', count: 230 }, { type: 'ping', count: 20 }],
      events: 230,
      control: 20,
      duplicates: 1,
      rejected: 1,
    },
    rejected: [{ at: iso(30_000), socket: '/api/unified/ws', reason: 'not JSON', length: 12, excerpt: 'garbage {{{' }],
    reconnects: { total: 1, recent: [{ at: iso(700_000), state: 'reconnecting', cause: 'connection closed (1012)', delayMs: 15_000, attempt: 1 }] },
    token: { expiresAt: iso(-1_200_000), nextRefreshAt: iso(-840_000) },
    polls: { total: 10, failed: 0, p50Ms: 40, recent: [{ at: iso(20_000), durationMs: 38, outcome: 'ok', failures: 0, error: null }] },
    fail2ban: { used: 1, budget: 18, banAt: 20, windowMs: 300_000 },
    frameTail: { enabled: false, held: 0, capacity: 500 },
  };
}

/** Two frames as the raw tail would hold them. */
export function fakeTailFrames(now = Date.now()): TailFrame[] {
  const at = new Date(now - 2000).toISOString();
  return [
    { seq: 1, at, socket: '/api/unified/ws', stack: 'unified', type: 'ping', length: 120, text: '{"type": "ping", "data": {"connection_id": "3f9a1c2e", "expect_pong": true}}', truncated: false },
    { seq: 2, at, socket: '/api/unified/ws', stack: 'unified', type: 'unparsed', length: 11, text: 'garbage {{{', truncated: false },
  ];
}
