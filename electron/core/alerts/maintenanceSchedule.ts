/**
 * When a maintenance window is in force. A recurring window repeats its first occurrence's
 * wall-clock start (and weekday, for weekly) in its time zone, with the same duration, so a
 * 02:00–04:00 Europe/Berlin window stays 02:00–04:00 local across daylight saving.
 */
import { DAY } from '../../../shared/domain/ids';
import type { MaintenanceWindow } from '../../../shared/domain/maintenance';

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(ms: number, timeZone: string): Wall {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}

/** The zone's offset from UTC at `ms` (ms to add to UTC to get wall-clock time). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

/** Epoch ms of a wall-clock time in a zone (a time skipped by DST moves forward by the gap). */
function fromWallClock(w: Wall, timeZone: string): number {
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  const first = asUtc - offsetAt(asUtc, timeZone);
  return asUtc - offsetAt(first, timeZone);
}

/** Start of the occurrence whose local day is `dayShift` days from the local day of `t`. */
function startOnDay(w: MaintenanceWindow, t: number, dayShift: number): number {
  const first = wallClock(w.startsAt, w.timeZone);
  const day = wallClock(t, w.timeZone);
  const date = new Date(Date.UTC(day.y, day.mo - 1, day.d + dayShift));
  return fromWallClock({ y: date.getUTCFullYear(), mo: date.getUTCMonth() + 1, d: date.getUTCDate(), h: first.h, mi: first.mi, s: first.s }, w.timeZone);
}

function isOccurrenceDay(w: MaintenanceWindow, start: number): boolean {
  if (w.recurrence === 'daily') return true;
  const weekday = (ms: number) => {
    const x = wallClock(ms, w.timeZone);
    return new Date(Date.UTC(x.y, x.mo - 1, x.d)).getUTCDay();
  };
  return weekday(start) === weekday(w.startsAt);
}

/** Occurrences near `t` (from a week before to a week after), oldest first. */
function occurrencesAround(w: MaintenanceWindow, t: number): { start: number; end: number }[] {
  const length = w.endsAt - w.startsAt;
  if (w.recurrence === 'none') return [{ start: w.startsAt, end: w.endsAt }];
  const out: { start: number; end: number }[] = [];
  for (let shift = -8; shift <= 8; shift++) {
    const start = startOnDay(w, t, shift);
    if (start >= w.startsAt && isOccurrenceDay(w, start)) out.push({ start, end: start + length });
  }
  return out;
}

/** Occurrences that overlap [fromMs, toMs) (for charts; ranges up to a week), oldest first. */
export function occurrencesBetween(w: MaintenanceWindow, fromMs: number, toMs: number): { start: number; end: number }[] {
  return occurrencesAround(w, toMs).filter((o) => o.end > fromMs && o.start < toMs);
}

/** The occurrence in force at `t`, or null. */
export function occurrenceAt(w: MaintenanceWindow, t: number): { start: number; end: number } | null {
  return occurrencesAround(w, t).find((o) => o.start <= t && t < o.end) ?? null;
}

/** The next time after `t` at which this window starts or ends (null: never again). */
export function nextChange(w: MaintenanceWindow, t: number): number | null {
  if (t < w.startsAt) return w.startsAt;
  let next: number | null = null;
  for (const o of occurrencesAround(w, t)) {
    for (const edge of [o.start, o.end]) if (edge > t && (next === null || edge < next)) next = edge;
  }
  if (next === null && w.recurrence !== 'none') return nextChange(w, t + 7 * DAY);
  return next;
}

/** Servers in maintenance at `t`, each until the latest end among its windows in force. */
export function activeAt(windows: readonly MaintenanceWindow[], t: number): Map<string, number> {
  const active = new Map<string, number>();
  for (const w of windows) {
    const o = occurrenceAt(w, t);
    if (o) active.set(w.serverId, Math.max(active.get(w.serverId) ?? 0, o.end));
  }
  return active;
}
