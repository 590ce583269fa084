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
  if (incoming.length === 0) return list as FleetEvent[];
  // A copy can only sit among the rows at least as new as the oldest arrival: the list is newest
  // first, so only its head is read (a storm prepends to 20,000 rows many times a second).
  const oldest = incoming.reduce((min, e) => (e.occurredAt < min ? e.occurredAt : min), incoming[0]!.occurredAt);
  const known = new Set<string>();
  for (let i = 0; i < list.length && list[i]!.occurredAt >= oldest; i++) known.add(list[i]!.id);
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
