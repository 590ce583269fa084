import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { EventFilter } from '../../../shared/ipc/schemas';

/**
 * Whether a live event can be shown under the current filter without asking the core. Only the
 * exact-match fields and the lower time bound are checked here; text search, the upper bound and acknowledgement are the event
 * log's business, so with those set the page offers a refresh instead of guessing.
 */
export function liveMatch(e: FleetEvent, f: EventFilter): 'yes' | 'no' | 'unknown' {
  if (f.servers?.length && !f.servers.includes(e.serverId)) return 'no';
  if (f.categories?.length && !f.categories.includes(e.category)) return 'no';
  if (f.severities?.length && !f.severities.includes(e.severity)) return 'no';
  if (f.types?.length && !f.types.includes(e.type)) return 'no';
  if (f.derived !== undefined && e.derived !== f.derived) return 'no';
  if (f.since && Date.parse(e.occurredAt) < Date.parse(f.since)) return 'no';
  if (f.search || f.until || f.acknowledged !== undefined) return 'unknown';
  return 'yes';
}

export const newestFirst = (a: FleetEvent, b: FleetEvent): number => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : b.id.localeCompare(a.id));

/** Prepends arrivals to a newest-first list, without duplicates, capped to keep memory bounded. */
export function prependEvents(list: readonly FleetEvent[], incoming: readonly FleetEvent[], cap: number): FleetEvent[] {
  const known = new Set(list.map((e) => e.id));
  const fresh = incoming.filter((e) => !known.has(e.id)).sort(newestFirst);
  return fresh.length === 0 ? (list as FleetEvent[]) : [...fresh, ...list].slice(0, cap);
}

/** Drops empty fields so the same filter always serialises to the same key. */
export function cleanFilter(f: EventFilter): EventFilter {
  const out: EventFilter = {};
  for (const [k, v] of Object.entries(f) as [keyof EventFilter, unknown][]) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
