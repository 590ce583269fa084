/**
 * A forwarder's health over a chart window, from the event log: its status changes
 * (`forwarder_status_change`), the last change before the window, and the health rollups
 * (forwardersHealthy/forwardersTotal) as evidence of when the app actually had health data.
 * A step without health data is 'unknown'; a step in which every forwarder was healthy is
 * 'healthy' even when no change was recorded (the first sighting of a healthy forwarder is not
 * an event); otherwise the worst status the changes give during the step.
 */
import type { ForwarderStatusChangeData } from '../../../shared/domain/eventTypes';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { ForwarderSpan, ForwarderTimeline, HistoryWindow } from '../../../shared/domain/history';
import type { ForwarderSnapshot, ForwarderStatus } from '../../../shared/domain/serverState';
import type { RollupBucket } from '../eventlog/MetricRollups';
import { gridTimes } from './historyWindow';

const WORST: Record<ForwarderStatus, number> = { disabled: 0, healthy: 1, unknown: 2, degraded: 3, unhealthy: 4 };

interface Change {
  t: number;
  id: number;
  name: string;
  old: ForwarderStatus | null;
  next: ForwarderStatus;
}

function asChange(e: FleetEvent): Change | null {
  const d = e.data as Partial<ForwarderStatusChangeData> | null;
  const t = Date.parse(e.occurredAt);
  if (!d || typeof d.forwarderId !== 'number' || typeof d.newStatus !== 'string' || !Number.isFinite(t)) return null;
  return { t, id: d.forwarderId, name: typeof d.forwarderName === 'string' ? d.forwarderName : `forwarder ${d.forwarderId}`, old: d.oldStatus ?? null, next: d.newStatus };
}

export interface TimelineInputs {
  /** Changes inside the window (any order). */
  changes: readonly FleetEvent[];
  /** Changes before the window (any order); the newest per forwarder gives its status at the start. */
  before: readonly FleetEvent[];
  current: readonly ForwarderSnapshot[];
  healthy: readonly RollupBucket[];
  total: readonly RollupBucket[];
}

export function forwarderTimelines(w: HistoryWindow, input: TimelineInputs): ForwarderTimeline[] {
  const inRange = input.changes.map(asChange).filter((c): c is Change => c !== null).sort((a, b) => a.t - b.t);
  const prior = new Map<number, Change>();
  for (const c of input.before.map(asChange)) if (c && c.t < w.fromMs && (prior.get(c.id)?.t ?? -Infinity) < c.t) prior.set(c.id, c);
  const names = new Map<number, string>();
  for (const c of [...prior.values(), ...inRange]) names.set(c.id, c.name);
  for (const f of input.current) names.set(f.id, f.name);
  const healthy = new Map(input.healthy.map((b) => [b.t, b]));
  const total = new Map(input.total.map((b) => [b.t, b]));
  return [...names].map(([id, name]) => {
    const mine = inRange.filter((c) => c.id === id);
    const start = prior.get(id)?.next ?? (mine[0] ? (mine[0].old ?? 'unknown') : (input.current.find((f) => f.id === id)?.status ?? 'unknown'));
    const steps = gridTimes(w).map((t) => ({ t, status: stepStatus(t, w.stepMs, start, mine, healthy.get(t), total.get(t)) }));
    return { forwarderId: id, name, spans: toSpans(w, steps), latencyMs: null };
  });
}

function stepStatus(t: number, step: number, start: ForwarderStatus, changes: readonly Change[], healthy: RollupBucket | undefined, total: RollupBucket | undefined): ForwarderStatus {
  if (!total || total.count === 0) return 'unknown';
  if (healthy && total.max > 0 && healthy.min >= total.max) return 'healthy';
  let atStart = start;
  let worst: ForwarderStatus | null = null;
  for (const c of changes) {
    if (c.t < t) atStart = c.next;
    else if (c.t < t + step && (worst === null || WORST[c.next] > WORST[worst])) worst = c.next;
  }
  return worst !== null && WORST[worst] > WORST[atStart] ? worst : atStart;
}

function toSpans(w: HistoryWindow, steps: readonly { t: number; status: ForwarderStatus }[]): ForwarderSpan[] {
  const spans: ForwarderSpan[] = [];
  for (const s of steps) {
    const fromMs = Math.max(s.t, w.fromMs);
    const toMs = Math.min(s.t + w.stepMs, w.toMs);
    if (toMs <= fromMs) continue;
    const last = spans.at(-1);
    if (last && last.status === s.status && last.toMs === fromMs) last.toMs = toMs;
    else spans.push({ fromMs, toMs, status: s.status });
  }
  return spans;
}
