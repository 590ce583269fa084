import { describe, expect, it } from 'vitest';
import { SERVER_STATES } from '../../../shared/domain/serverState';
import { liveMatch, prependEvents } from '../../../renderer/src/lib/eventFilter';
import { relativeTime } from '../../../renderer/src/lib/format';
import { forwarderCounts, tileHealth } from '../../../renderer/src/lib/health';
import { STATE_META, worstState } from '../../../renderer/src/lib/stateMeta';
import { fleetEvent, forwarders, serverStatus } from '../../e2e/support/fakeData';

describe('tile health and state words', () => {
  it('is never healthy while the server is not live, whatever the last snapshot said', () => {
    for (const state of SERVER_STATES.filter((s) => s !== 'live')) expect(tileHealth(serverStatus('a', state))).toBe('unknown');
    expect(tileHealth(serverStatus('a', 'live'))).toBe('healthy');
  });

  it('turns unhealthy when one forwarder is unhealthy or BIND stopped', () => {
    const one = serverStatus('a', 'live', { forwarders: forwarders(2, 3) });
    expect(tileHealth(one)).toBe('unhealthy');
    expect(forwarderCounts(one)).toEqual({ healthy: 2, total: 3 });
    expect(tileHealth(serverStatus('a', 'live', { bindRunning: false }))).toBe('unhealthy');
  });

  it('gives every state a label and icon, and green to live only', () => {
    for (const s of SERVER_STATES) {
      expect(STATE_META[s].label.length).toBeGreaterThan(2);
      expect(STATE_META[s].color === 'green').toBe(s === 'live');
    }
    expect(worstState([serverStatus('a', 'live'), serverStatus('b', 'offline'), serverStatus('c', 'stale')])).toBe('offline');
  });

  it('says how long ago in words that tick', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(relativeTime('2025-01-01T11:59:48Z', now)).toBe('12 s ago');
    expect(relativeTime('2025-01-01T11:55:00Z', now)).toBe('5 min ago');
    expect(relativeTime(null, now)).toBe('never');
  });
});

describe('live events on the events page', () => {
  it('prepends only matching arrivals and defers text search to the core', () => {
    const e = fleetEvent({ serverId: 'a', severity: 'error' });
    expect(liveMatch(e, { servers: ['a'] })).toBe('yes');
    expect(liveMatch(e, { servers: ['b'] })).toBe('no');
    expect(liveMatch(e, { severities: ['critical'] })).toBe('no');
    expect(liveMatch(e, { search: 'quad9' })).toBe('unknown');
  });

  it('keeps the list newest first without duplicates', () => {
    const old = fleetEvent({ occurredAt: '2025-01-01T10:00:00Z' });
    const a = fleetEvent({ occurredAt: '2025-01-01T11:00:00Z' });
    const b = fleetEvent({ occurredAt: '2025-01-01T12:00:00Z' });
    expect(prependEvents([old], [a, b, old], 10).map((x) => x.id)).toEqual([b.id, a.id, old.id]);
  });
});
