/**
 * Chart series from rollup buckets, on the window's grid: a step with no rollup is a null point
 * (the line breaks there; a gap is never drawn as a straight line or as zero).
 */
import type { HistoryPoint, HistoryWindow } from '../../../shared/domain/history';
import type { RollupBucket } from '../eventlog/MetricRollups';
import { gridTimes } from './historyWindow';

export function averageSeries(w: HistoryWindow, buckets: readonly RollupBucket[]): HistoryPoint[] {
  const byT = new Map(buckets.map((b) => [b.t, b]));
  return gridTimes(w).map((t) => {
    const b = byT.get(t);
    return { t, v: b && b.count > 0 ? b.sum / b.count : null };
  });
}

/**
 * Increase of a day counter (queriesToday, blockedToday) per step: from the previous step's
 * highest value, or within the step when the previous one is missing or the counter restarted
 * (midnight, a server restart). Steps without data are absent from the map.
 */
export function counterIncrease(buckets: readonly RollupBucket[], stepMs: number): Map<number, number> {
  const out = new Map<number, number>();
  let prev: RollupBucket | null = null;
  for (const b of buckets) {
    const follows = prev !== null && b.t - prev.t === stepMs && b.max >= prev.max;
    out.set(b.t, follows ? b.max - prev!.max : b.max - b.min);
    prev = b;
  }
  return out;
}

/** Blocked share per step in percent, from the two day counters; null where no query was counted. */
export function blockedPercentSeries(w: HistoryWindow, queries: readonly RollupBucket[], blocked: readonly RollupBucket[]): HistoryPoint[] {
  const q = counterIncrease(queries, w.stepMs);
  const b = counterIncrease(blocked, w.stepMs);
  return gridTimes(w).map((t) => {
    const nq = q.get(t);
    const nb = b.get(t);
    return { t, v: nq !== undefined && nb !== undefined && nq > 0 ? Math.min(100, (100 * nb) / nq) : null };
  });
}
