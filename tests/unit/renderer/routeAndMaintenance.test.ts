import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../../renderer/src/hooks/useRoute';
import { alertHeadline, alertRoute } from '../../../renderer/src/lib/alerts';
import { MAINTENANCE_CHOICES, maintenanceEndText } from '../../../renderer/src/lib/maintenance';

describe('alert deep links', () => {
  it('follows the hash the Electron host sets, with any id', () => {
    const id = 'al 7/ü#x';
    expect(parseRoute(`#/alerts/${encodeURIComponent(id)}`)).toEqual({ page: 'alerts', alertId: id });
    expect(parseRoute(routeHref({ page: 'alerts', alertId: id }))).toEqual({ page: 'alerts', alertId: id });
    expect(parseRoute('#/alerts')).toEqual({ page: 'alerts' });
    expect(parseRoute('#/alerts/%E0%A4%A')).toEqual({ page: 'alerts' }); // malformed escape: still the inbox
  });

  it('sends a storm summary to the inbox and names the fleet instead of a server', () => {
    const storm = { id: 'storm-1', rule: 'storm', serverId: 'fleet', title: '12 more alerts' };
    expect(alertRoute(storm)).toEqual({ page: 'alerts' });
    expect(alertHeadline(storm, undefined)).toBe('Fleet: 12 more alerts');
    expect(alertRoute({ id: 'al-1', rule: 'bind-down' })).toEqual({ page: 'alerts', alertId: 'al-1' });
  });
});

describe('maintenance end times', () => {
  const now = new Date(2025, 5, 14, 23, 50); // 14 Jun, 23:50 local

  it('reads as a 24-hour clock, with "tomorrow" after midnight', () => {
    expect(maintenanceEndText(new Date(2025, 5, 14, 23, 59).getTime(), now)).toBe('23:59');
    expect(maintenanceEndText(new Date(2025, 5, 15, 0, 20).getTime(), now)).toBe('tomorrow 00:20');
    expect(maintenanceEndText(new Date(2025, 5, 17, 8, 0).getTime(), now)).toMatch(/17.* 08:00$/);
  });

  it('offers 30 min, 1 h, 4 h and tomorrow 08:00', () => {
    const ends = MAINTENANCE_CHOICES.map((c) => c.until(now));
    expect(ends.slice(0, 3).map((t) => (t - now.getTime()) / 60_000)).toEqual([30, 60, 240]);
    expect(new Date(ends[3]!)).toEqual(new Date(2025, 5, 15, 8, 0));
  });
});
