import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../../shared/domain/ids';
import { MaintenanceWindowSchema, type MaintenanceWindowInput } from '../../../shared/domain/maintenance';
import { activeAt, nextChange, occurrenceAt } from '../../../electron/core/alerts/maintenanceSchedule';

const win = (over: Partial<MaintenanceWindowInput>) => MaintenanceWindowSchema.parse({ id: 'w', serverId: 'dns-1', startsAt: 0, endsAt: 1, ...over });
const at = (iso: string) => Date.parse(iso);

describe('maintenance schedule', () => {
  it('a one-off window scheduled ahead is in force only between its start and end', () => {
    const w = win({ startsAt: at('2026-03-10T22:00:00Z'), endsAt: at('2026-03-10T23:00:00Z') });
    expect(occurrenceAt(w, at('2026-03-10T21:59:59Z'))).toBeNull();
    expect(occurrenceAt(w, at('2026-03-10T22:30:00Z'))).toEqual({ start: w.startsAt, end: w.endsAt });
    expect(occurrenceAt(w, w.endsAt)).toBeNull();
    expect(nextChange(w, at('2026-03-01T00:00:00Z'))).toBe(w.startsAt);
    expect(nextChange(w, at('2026-03-10T22:30:00Z'))).toBe(w.endsAt);
    expect(nextChange(w, w.endsAt)).toBeNull();
  });

  it('a daily window keeps its wall-clock time in its zone across daylight saving (Europe/Berlin, 02:30-04:00)', () => {
    // 2026-03-29: Berlin goes from UTC+1 to UTC+2.
    const w = win({ startsAt: at('2026-03-27T01:30:00Z'), endsAt: at('2026-03-27T03:00:00Z'), recurrence: 'daily', timeZone: 'Europe/Berlin' });
    expect(occurrenceAt(w, at('2026-03-28T02:00:00Z'))).toEqual({ start: at('2026-03-28T01:30:00Z'), end: at('2026-03-28T03:00:00Z') });
    // After the change, 02:30 local is 00:30 UTC.
    expect(occurrenceAt(w, at('2026-03-30T00:45:00Z'))).toEqual({ start: at('2026-03-30T00:30:00Z'), end: at('2026-03-30T02:00:00Z') });
    expect(occurrenceAt(w, at('2026-03-30T02:30:00Z'))).toBeNull();
    expect(occurrenceAt(w, at('2026-03-26T02:00:00Z'))).toBeNull(); // before the first occurrence
    expect(nextChange(w, at('2026-03-30T02:30:00Z'))).toBe(at('2026-03-31T00:30:00Z'));
  });

  it('a weekly window is in force on its weekday only, and one spanning midnight is found from the next day', () => {
    // Sunday 23:00 to Monday 01:00, New York.
    const w = win({ startsAt: at('2026-06-07T03:00:00Z'), endsAt: at('2026-06-07T05:00:00Z'), recurrence: 'weekly', timeZone: 'America/New_York' });
    expect(occurrenceAt(w, at('2026-06-14T04:30:00Z'))).toEqual({ start: at('2026-06-14T03:00:00Z'), end: at('2026-06-14T05:00:00Z') });
    expect(occurrenceAt(w, at('2026-06-10T04:00:00Z'))).toBeNull();
    expect(nextChange(w, at('2026-06-08T00:00:00Z'))).toBe(at('2026-06-14T03:00:00Z'));
  });

  it('a server is in maintenance until the latest end among its windows in force', () => {
    const t = at('2026-01-01T12:00:00Z');
    const list = [
      win({ id: 'a', startsAt: t - HOUR, endsAt: t + HOUR }),
      win({ id: 'b', startsAt: t - MINUTE, endsAt: t + 2 * HOUR }),
      win({ id: 'c', serverId: 'dns-2', startsAt: t + HOUR, endsAt: t + 2 * HOUR }),
    ];
    expect([...activeAt(list, t)]).toEqual([['dns-1', t + 2 * HOUR]]);
  });

  it('refuses a window that ends before it starts, a daily one longer than a day, and an unknown time zone, in words', () => {
    const problems = (over: Partial<MaintenanceWindowInput>) => MaintenanceWindowSchema.safeParse({ id: 'w', serverId: 's', startsAt: 0, endsAt: HOUR, ...over }).error?.issues.map((i) => i.message);
    expect(problems({ endsAt: 0 })).toEqual(['the window must end after it starts']);
    expect(problems({ recurrence: 'daily', endsAt: 25 * HOUR })).toEqual(['a daily window lasts at most 24 hours']);
    expect(problems({ timeZone: 'Mars/Olympus' })).toEqual(['not a time zone this system knows (use an IANA name such as Europe/Berlin)']);
  });
});
