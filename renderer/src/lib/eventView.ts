import { EVENT_CATEGORIES, SEVERITIES, type EventCategory, type Severity } from '../../../shared/domain/fleetEvent';
import type { EventFilter } from '../../../shared/ipc/schemas';

/**
 * The events page's filters and selected event as a URL query (#/events?server=a&range=1h&event=…),
 * so a view can be shared and back/forward walk through it. Everything read from a URL is outside
 * input: values are checked against the known vocabularies and bounded before they reach the core.
 */
export interface EventFilterState {
  servers: string[];
  categories: string[];
  severities: string[];
  types: string[];
  derived: 'all' | 'pushed' | 'derived';
  range: string;
  search: string;
}

export interface EventView {
  filters: EventFilterState;
  /** Explicit bounds (range "custom"), e.g. "15 minutes around this event". */
  since?: string;
  until?: string;
  /** The event open in the drawer, and when it happened (to find it when it is not on the page). */
  eventId?: string;
  eventAt?: string;
}

export const RANGES = [
  { value: '15m', label: 'Last 15 min', ms: 15 * 60_000 },
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '6h', label: 'Last 6 h', ms: 6 * 3_600_000 },
  { value: '24h', label: 'Last 24 h', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: 'all', label: 'All time', ms: 0 },
  { value: 'custom', label: 'Custom range', ms: 0 },
];

// Periodic telemetry (health_update, system_status, query_update) is stored at `debug`; the explorer
// opens on what changed, and one click on the severity filter shows the telemetry too.
export const DEFAULT_SEVERITIES = ['info', 'warning', 'error', 'critical'];
export const DEFAULT_FILTERS: EventFilterState = { servers: [], categories: [], severities: DEFAULT_SEVERITIES, types: [], derived: 'all', range: 'all', search: '' };

const MAX_LIST = 200;
const MAX_TEXT = 500;
const known = (allowed: readonly string[]) => (v: string) => allowed.includes(v);

export function parseEventView(query: string): EventView {
  const q = new URLSearchParams(query);
  const list = (key: string, ok: (v: string) => boolean = (v) => v.length <= 100) => [...new Set(q.getAll(key).filter((v) => v !== '' && ok(v)))].slice(0, MAX_LIST);
  const derived = q.get('derived');
  const range = q.get('range') ?? 'all';
  const filters: EventFilterState = {
    servers: list('server'),
    categories: list('category', known(EVENT_CATEGORIES)),
    // Absent: the default; present but empty (`severity=`): every severity.
    severities: q.has('severity') ? list('severity', known(SEVERITIES)) : DEFAULT_SEVERITIES,
    types: list('type'),
    derived: derived === 'pushed' || derived === 'derived' ? derived : 'all',
    range: RANGES.some((r) => r.value === range) ? range : 'all',
    search: (q.get('q') ?? '').slice(0, MAX_TEXT),
  };
  const view: EventView = { filters };
  const since = isoOrUndefined(q.get('since'));
  const until = isoOrUndefined(q.get('until'));
  if (filters.range === 'custom') Object.assign(view, since ? { since } : {}, until ? { until } : {});
  const eventId = q.get('event');
  if (eventId && eventId.length <= 200) Object.assign(view, { eventId }, isoOrUndefined(q.get('at')) ? { eventAt: isoOrUndefined(q.get('at')) } : {});
  return view;
}

export function eventViewQuery(v: EventView): string {
  const q = new URLSearchParams();
  const f = v.filters;
  for (const s of f.servers) q.append('server', s);
  for (const c of f.categories) q.append('category', c);
  if (!sameSet(f.severities, DEFAULT_SEVERITIES)) (f.severities.length ? f.severities : ['']).forEach((s) => q.append('severity', s));
  for (const t of f.types) q.append('type', t);
  if (f.derived !== 'all') q.set('derived', f.derived);
  if (f.range !== 'all') q.set('range', f.range);
  if (f.range === 'custom' && v.since) q.set('since', v.since);
  if (f.range === 'custom' && v.until) q.set('until', v.until);
  if (f.search) q.set('q', f.search);
  if (v.eventId) q.set('event', v.eventId);
  if (v.eventId && v.eventAt) q.set('at', v.eventAt);
  return q.toString();
}

/** The UI's filter state as the contract's EventFilter (what the events page asks the core for). */
export function eventFilterOf(s: EventFilterState, search: string, since: string | undefined, until: string | undefined): EventFilter {
  return {
    servers: s.servers.length ? s.servers : undefined,
    categories: s.categories.length ? (s.categories as EventCategory[]) : undefined,
    severities: s.severities.length ? (s.severities as Severity[]) : undefined,
    types: s.types.length ? s.types : undefined,
    derived: s.derived === 'all' ? undefined : s.derived === 'derived',
    since,
    until,
    search: search.trim() || undefined,
  };
}

/** "This server, 15 minutes around this event". */
export function aroundEvent(serverId: string, occurredAt: string, eventId: string): EventView {
  const t = Date.parse(occurredAt);
  const half = 7.5 * 60_000;
  return {
    filters: { ...DEFAULT_FILTERS, servers: [serverId], severities: [], range: 'custom' },
    since: new Date(t - half).toISOString(),
    until: new Date(t + half).toISOString(),
    eventId,
    eventAt: occurredAt,
  };
}

function isoOrUndefined(v: string | null): string | undefined {
  if (!v || v.length > 40) return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
