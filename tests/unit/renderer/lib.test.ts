import { describe, expect, it } from 'vitest';
import { SERVER_STATES } from '../../../shared/domain/serverState';
import { liveMatch, prependEvents } from '../../../renderer/src/lib/eventFilter';
import { relativeTime } from '../../../renderer/src/lib/format';
import { forwarderCounts } from '../../../renderer/src/lib/format';
import { STATE_META } from '../../../renderer/src/lib/stateMeta';
import { faviconHref, fleetTitle, VERDICT_META } from '../../../renderer/src/lib/verdictMeta';
import { emptyCounts, fleetSummaryText, VERDICT_LEVELS, type FleetVerdict } from '../../../shared/domain/verdict';
import { fleetEvent, forwarders, serverStatus } from '../../e2e/support/fakeData';

const fleet = (counts: Partial<FleetVerdict['counts']>, level: FleetVerdict['level']): FleetVerdict => {
  const all = { ...emptyCounts(), ...counts };
  return { level, counts: all, total: Object.values(all).reduce((a, b) => a + b, 0) };
};

describe('verdict and state words', () => {
  it('gives every verdict level a word, an icon and a colour, and green to ok only', () => {
    for (const l of VERDICT_LEVELS) {
      expect(VERDICT_META[l].label.length).toBeGreaterThan(1);
      expect(VERDICT_META[l].color === 'green').toBe(l === 'ok');
    }
    expect(new Set(VERDICT_LEVELS.map((l) => VERDICT_META[l].icon)).size).toBe(VERDICT_LEVELS.length);
  });

  it('gives every connection state a label and icon, and green to none: a live link is not a healthy server', () => {
    for (const s of SERVER_STATES) {
      expect(STATE_META[s].label.length).toBeGreaterThan(2);
      expect(STATE_META[s].color).not.toBe('green');
    }
    expect(forwarderCounts(serverStatus('a', 'live', { forwarders: forwarders(2, 3) }))).toEqual({ healthy: 2, total: 3 });
  });

  it('says the fleet verdict in the header words and in the page title', () => {
    const f = fleet({ critical: 2, warning: 1, blind: 1, ok: 12 }, 'critical');
    expect(fleetSummaryText(f)).toBe('2 critical · 1 warning · 1 blind · 12 ok');
    expect(fleetTitle(f)).toBe('(2 critical, 1 warning, 1 blind) DNS Fleet Monitor');
    expect(fleetTitle(fleet({ ok: 3 }, 'ok'))).toBe('DNS Fleet Monitor');
    expect(fleetTitle(fleet({ blind: 1, ok: 2 }, 'blind'))).toBe('(1 blind) DNS Fleet Monitor');
  });

  it('makes a distinct favicon per level', () => {
    const icons = VERDICT_LEVELS.map(faviconHref);
    expect(new Set(icons).size).toBe(VERDICT_LEVELS.length);
    for (const href of icons) expect(href).toMatch(/^data:image\/svg\+xml,/);
    expect(decodeURIComponent(faviconHref('critical'))).toContain(VERDICT_META.critical.hex);
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
