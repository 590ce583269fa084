/**
 * Which rollups answer a chart range, and the grid its points sit on. Ranges up to 24 h are made of
 * the 1-minute rollups (kept 14 days; 24 h reads them merged into the 10-minute rows, kept 2 days);
 * 7 d reads the 1-hour rollups, so a week is at most 169 rows a series, never the raw events. Steps keep every range near 15..170 points.
 */
import { DAY, HOUR, MINUTE } from '../../../shared/domain/ids';
import type { HistoryRange, HistoryWindow } from '../../../shared/domain/history';
import { RESOLUTION_MS, type RollupResolution } from '../eventlog/MetricRollups';

const PLAN: Record<HistoryRange, { spanMs: number; resolution: HistoryWindow['resolution']; stepMs: number }> = {
  '15m': { spanMs: 15 * MINUTE, resolution: '1m', stepMs: MINUTE },
  '1h': { spanMs: HOUR, resolution: '1m', stepMs: MINUTE },
  '24h': { spanMs: DAY, resolution: '1m', stepMs: 10 * MINUTE },
  '7d': { spanMs: 7 * DAY, resolution: '1h', stepMs: HOUR },
};

export function historyWindow(range: HistoryRange, now: number): HistoryWindow {
  const p = PLAN[range];
  return { range, fromMs: now - p.spanMs, toMs: now, resolution: p.resolution, stepMs: p.stepMs };
}

/** The first point's time: the step bucket holding `fromMs` (rollup buckets are aligned to the epoch). */
export const gridStart = (w: HistoryWindow): number => Math.floor(w.fromMs / w.stepMs) * w.stepMs;

/** Every point time of the window, oldest first. */
export function gridTimes(w: HistoryWindow): number[] {
  const out: number[] = [];
  for (let t = gridStart(w); t <= w.toMs; t += w.stepMs) out.push(t);
  return out;
}

export const resolutionMs = (w: HistoryWindow): number => RESOLUTION_MS[w.resolution];

/**
 * The rollup rows a window is read from: the coarsest stored resolution its step is made of. A 24 h
 * chart's 10-minute step is one 10-minute row (the same sum, count, min and max as its ten 1-minute
 * rows), so the fleet sums read 144 rows a series instead of 1,440.
 */
export function readResolution(w: HistoryWindow): RollupResolution {
  return w.resolution === '1m' && w.stepMs % RESOLUTION_MS['10m'] === 0 ? '10m' : w.resolution;
}
