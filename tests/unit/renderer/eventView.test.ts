import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../../renderer/src/hooks/useRoute';
import { aroundEvent, DEFAULT_FILTERS, eventViewQuery, parseEventView } from '../../../renderer/src/lib/eventView';

describe('the events page in the URL', () => {
  it('round-trips filters, a custom range and the open event', () => {
    const view = { filters: { ...DEFAULT_FILTERS, servers: ['dns-1', 'dns 2&x'], severities: ['critical'], types: ['bind_down'], derived: 'derived' as const, search: 'a "b" #3' }, eventId: 'ev-1', eventAt: '2026-01-01T00:00:00.000Z' };
    expect(parseEventView(eventViewQuery(view))).toEqual(view);
    const around = aroundEvent('dns-1', '2026-01-01T00:10:00.000Z', 'ev-1');
    expect(parseEventView(eventViewQuery(around))).toEqual(around);
    expect(Date.parse(around.until!) - Date.parse(around.since!)).toBe(15 * 60_000);
    expect(parseRoute(routeHref({ page: 'events', query: eventViewQuery(view) }))).toEqual({ page: 'events', query: eventViewQuery(view) });
  });

  it('opens on the default severities, and `severity=` means all of them', () => {
    expect(parseEventView('').filters).toEqual(DEFAULT_FILTERS);
    expect(parseEventView('severity=').filters.severities).toEqual([]);
    expect(eventViewQuery({ filters: { ...DEFAULT_FILTERS, severities: [] } })).toBe('severity=');
  });

  it('drops what a hand-edited or hostile URL cannot mean, instead of sending it to the core', () => {
    const v = parseEventView('severity=loud&severity=error&category=__proto__&derived=maybe&range=1y&since=yesterday&event=' + 'x'.repeat(300) + '&server=' + 'y'.repeat(101));
    expect(v.filters.severities).toEqual(['error']);
    expect(v.filters.categories).toEqual([]);
    expect(v.filters.derived).toBe('all');
    expect(v.filters.range).toBe('all');
    expect(v.filters.servers).toEqual([]);
    expect(v.since).toBeUndefined();
    expect(v.eventId).toBeUndefined();
  });
});
