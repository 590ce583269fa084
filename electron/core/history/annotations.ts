/**
 * What happened on a server, as chart annotations: BIND reloads, restarts and stops, config and
 * zone changes from the event log; maintenance windows and connection gaps as shaded spans (the
 * recorded gaps, plus the one going on now while the server is not live).
 */
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { AnnotationKind, ChartAnnotation, HistoryWindow } from '../../../shared/domain/history';
import type { MaintenanceWindow } from '../../../shared/domain/maintenance';
import type { ServerStatus } from '../../../shared/domain/serverState';
import { DERIVED } from '../../../shared/domain/eventTypes';
import { occurrencesBetween } from '../alerts/maintenanceSchedule';

/** Event types drawn on charts, and how each is named. Wire names include the unified extras (§5.1). */
const EVENT_KINDS = new Map<string, { kind: AnnotationKind; label: string }>([
  ['bind_reload', { kind: 'bind-reload', label: 'BIND reloaded' }],
  ['service_restarted', { kind: 'bind-restart', label: 'Service restarted' }],
  [DERIVED.bindUp, { kind: 'bind-restart', label: 'BIND running again' }],
  [DERIVED.bindDown, { kind: 'bind-down', label: 'BIND stopped' }],
  ['config_change', { kind: 'config-change', label: 'Configuration changed' }],
  ['bind_config_change', { kind: 'config-change', label: 'BIND configuration changed' }],
  ['config_restore', { kind: 'config-change', label: 'Configuration restored' }],
  [DERIVED.zoneCreated, { kind: 'zone-change', label: 'Zone created' }],
  [DERIVED.zoneUpdated, { kind: 'zone-change', label: 'Zone updated' }],
  [DERIVED.zoneDeleted, { kind: 'zone-change', label: 'Zone deleted' }],
  ['zone_imported', { kind: 'zone-change', label: 'Zone imported' }],
]);
export const ANNOTATED_EVENT_TYPES: readonly string[] = [...EVENT_KINDS.keys(), DERIVED.maintenanceWindow];

export interface GapSpan {
  fromMs: number;
  toMs: number;
}

/** A recorded maintenance span (MaintenanceRecorder), or null. */
function maintenanceSpan(e: FleetEvent): ChartAnnotation | null {
  const d = e.data as { from?: unknown; to?: unknown } | null;
  const from = typeof d?.from === 'string' ? Date.parse(d.from) : NaN;
  const to = typeof d?.to === 'string' ? Date.parse(d.to) : NaN;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return null;
  return { kind: 'maintenance', atMs: from, untilMs: to, text: `Maintenance: ${e.summary || 'alerts were recorded, not notified'}` };
}

export function eventAnnotation(e: FleetEvent): ChartAnnotation | null {
  if (e.type === DERIVED.maintenanceWindow) return maintenanceSpan(e);
  const k = EVENT_KINDS.get(e.type);
  const at = Date.parse(e.occurredAt);
  if (!k || !Number.isFinite(at)) return null;
  const detail = [e.title, e.summary].filter((x) => x && x !== k.label).join(': ');
  return { kind: k.kind, atMs: at, untilMs: null, text: detail ? `${k.label}: ${detail}` : k.label };
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

export function gapAnnotations(gaps: readonly GapSpan[], status: ServerStatus | undefined, w: HistoryWindow): ChartAnnotation[] {
  const out: ChartAnnotation[] = gaps.map((g) => ({
    kind: 'gap' as const,
    atMs: g.fromMs,
    untilMs: g.toMs,
    text: `Not live for ${seconds(g.toMs - g.fromMs)} s: no data from the server; events in this span may be missing`,
  }));
  const since = status?.blindSince ? Date.parse(status.blindSince) : NaN;
  if (status && status.state !== 'live' && status.state !== 'disabled' && Number.isFinite(since) && since < w.toMs) {
    const cause = status.blindCause ?? status.detail ?? status.state;
    out.push({ kind: 'gap', atMs: since, untilMs: null, text: `Not live since then (${status.state}): ${cause}` });
  }
  return out;
}

/** Saved windows' occurrences in the window, except those a recorded span already covers. */
export function maintenanceAnnotations(windows: readonly MaintenanceWindow[], serverId: string, w: HistoryWindow, recorded: readonly ChartAnnotation[] = []): ChartAnnotation[] {
  const out: ChartAnnotation[] = [];
  const covered = (start: number, end: number) => recorded.some((r) => r.atMs < end && (r.untilMs ?? Infinity) > start);
  for (const m of windows) {
    if (m.serverId !== serverId) continue;
    for (const o of occurrencesBetween(m, w.fromMs, w.toMs)) {
      if (covered(o.start, o.end)) continue;
      const note = m.note ? `: ${m.note}` : '';
      const repeats = m.recurrence === 'none' ? '' : ` (repeats ${m.recurrence})`;
      out.push({ kind: 'maintenance', atMs: o.start, untilMs: o.end, text: `Maintenance window${repeats}${note}` });
    }
  }
  return out;
}

/** Everything, clipped to the window, oldest first. */
export function buildAnnotations(w: HistoryWindow, parts: { events: readonly FleetEvent[]; gaps: readonly GapSpan[]; maintenance: readonly MaintenanceWindow[]; status: ServerStatus | undefined; serverId: string }): ChartAnnotation[] {
  const fromEvents = parts.events.map(eventAnnotation).filter((a): a is ChartAnnotation => a !== null);
  const recorded = fromEvents.filter((a) => a.kind === 'maintenance');
  const all = [...fromEvents, ...gapAnnotations(parts.gaps, parts.status, w), ...maintenanceAnnotations(parts.maintenance, parts.serverId, w, recorded)];
  return all
    .filter((a) => (a.untilMs ?? w.toMs) >= w.fromMs && a.atMs <= w.toMs)
    .sort((a, b) => a.atMs - b.atMs);
}
