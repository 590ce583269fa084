import type { ServerStatus } from '../../../shared/domain/serverState';
import { VERDICT_DISPLAY_ORDER, type ServerVerdict, type VerdictLevel } from '../../../shared/domain/verdict';

/**
 * The fleet page's view choices as a URL query (#/fleet?problems=1&group=tag&density=table), so a
 * wall link is shareable; the last desk view is remembered (lastFleetQuery) for the next visit.
 * Sorting and grouping only order what the core decided: the verdict levels come from the core.
 */
export const DENSITIES = ['comfortable', 'compact', 'table'] as const;
export type FleetDensity = (typeof DENSITIES)[number];
export const GROUPINGS = ['none', 'group', 'tag'] as const;
export type FleetGrouping = (typeof GROUPINGS)[number];
export const SORTS = ['problems', 'name'] as const;
export type FleetSort = (typeof SORTS)[number];

export interface FleetView {
  sort: FleetSort;
  problemsOnly: boolean;
  groupBy: FleetGrouping;
  density: FleetDensity;
  /** Wall mode: no chrome, the summary as a banner, tiles scaled to the screen. */
  wall: boolean;
  /** Name filter (the fleet's search field). */
  filter: string;
}

export const DEFAULT_FLEET_VIEW: FleetView = { sort: 'problems', problemsOnly: false, groupBy: 'none', density: 'comfortable', wall: false, filter: '' };

/** Levels a problems-only view keeps: something is wrong, or we cannot see. */
export const PROBLEM_LEVELS: ReadonlySet<VerdictLevel> = new Set(['critical', 'warning', 'blind']);

const oneOf = <T extends string>(allowed: readonly T[], v: string | null, fallback: T): T => (v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback);
const flag = (v: string | null) => v === '1' || v === 'true';

export function parseFleetView(query: string): FleetView {
  const q = new URLSearchParams(query);
  return {
    sort: oneOf(SORTS, q.get('sort'), DEFAULT_FLEET_VIEW.sort),
    problemsOnly: flag(q.get('problems')),
    groupBy: oneOf(GROUPINGS, q.get('group'), DEFAULT_FLEET_VIEW.groupBy),
    density: oneOf(DENSITIES, q.get('density'), DEFAULT_FLEET_VIEW.density),
    wall: flag(q.get('wall')),
    filter: (q.get('q') ?? '').slice(0, 200),
  };
}

/** The query for a view; defaults are left out, so the plain #/fleet is the default view. */
export function fleetViewQuery(v: FleetView): string {
  const q = new URLSearchParams();
  if (v.sort !== DEFAULT_FLEET_VIEW.sort) q.set('sort', v.sort);
  if (v.problemsOnly) q.set('problems', '1');
  if (v.groupBy !== 'none') q.set('group', v.groupBy);
  if (v.density !== DEFAULT_FLEET_VIEW.density) q.set('density', v.density);
  if (v.wall) q.set('wall', '1');
  if (v.filter) q.set('q', v.filter);
  return q.toString();
}

/** A server's level for ordering; no verdict yet is "we do not know": ordered with blind. */
const levelOf = (verdicts: ReadonlyMap<string, ServerVerdict>, id: string): VerdictLevel => verdicts.get(id)?.level ?? 'blind';
const RANK = new Map(VERDICT_DISPLAY_ORDER.map((l, i) => [l, i] as const));
const byName = (a: ServerStatus, b: ServerStatus) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }) || a.serverId.localeCompare(b.serverId);

/** The servers this view shows, in its order: critical, warning, blind, maintenance, ok, disabled; then name. */
export function visibleServers(servers: readonly ServerStatus[], verdicts: ReadonlyMap<string, ServerVerdict>, v: FleetView): ServerStatus[] {
  const needle = v.filter.trim().toLowerCase();
  const shown = servers.filter((s) => (!v.problemsOnly || PROBLEM_LEVELS.has(levelOf(verdicts, s.serverId))) && (!needle || s.name.toLowerCase().includes(needle) || s.serverId.toLowerCase().includes(needle)));
  const rank = (s: ServerStatus) => RANK.get(levelOf(verdicts, s.serverId)) ?? 0;
  return shown.sort((a, b) => (v.sort === 'problems' ? rank(a) - rank(b) : 0) || byName(a, b));
}

export interface ServerGroup {
  key: string;
  label: string;
  servers: ServerStatus[];
}

const NO_GROUP = { group: 'No group', tag: 'No tag' } as const;

/**
 * Sections for a grouping, each keeping the servers' order; a server with several tags is in each
 * tag's section. Problems first: sections are ordered by their worst server, then by name.
 */
export function groupServers(ordered: readonly ServerStatus[], by: FleetGrouping, verdicts: ReadonlyMap<string, ServerVerdict>, sort: FleetSort = 'problems'): ServerGroup[] {
  if (by === 'none') return [{ key: '', label: '', servers: [...ordered] }];
  const groups = new Map<string, ServerGroup>();
  for (const s of ordered) {
    const keys = by === 'group' ? [s.group || ''] : s.tags?.length ? [...new Set(s.tags)] : [''];
    for (const key of keys) {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { key, label: key || NO_GROUP[by], servers: [] }));
      g.servers.push(s);
    }
  }
  const worst = (g: ServerGroup) => Math.min(...g.servers.map((s) => RANK.get(levelOf(verdicts, s.serverId)) ?? 0));
  return [...groups.values()].sort((a, b) => (sort === 'problems' ? worst(a) - worst(b) : 0) || Number(a.key === '') - Number(b.key === '') || a.label.localeCompare(b.label));
}

const STORAGE_KEY = 'dnsfleet.fleetView';

/** The last desk view (without wall mode or the name filter), to restore when the user comes back to the fleet. */
export function rememberFleetView(storage: Pick<Storage, 'setItem'> | null, v: FleetView): void {
  try {
    storage?.setItem(STORAGE_KEY, fleetViewQuery({ ...v, wall: false, filter: '' }));
  } catch {
    // Storage full or denied: the URL still carries the view.
  }
}

export function lastFleetQuery(storage: Pick<Storage, 'getItem'> | null): string {
  try {
    return fleetViewQuery(parseFleetView(storage?.getItem(STORAGE_KEY) ?? ''));
  } catch {
    return '';
  }
}
