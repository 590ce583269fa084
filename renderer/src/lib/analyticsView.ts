/** How analytics numbers read on screen (the core computes them; this only words them). */
import type { BaselineState } from '../../../shared/domain/analytics';

export const RANGE_LABELS = [
  { value: '15m', label: '15 min' },
  { value: '1h', label: '1 hour' },
  { value: '24h', label: '24 hours' },
] as const;

export function formatRatio(ratio: number | null): string {
  if (ratio === null) return 'no samples';
  const pct = ratio * 100;
  return `${pct < 10 && pct > 0 ? pct.toFixed(1) : pct.toFixed(0)} %`;
}

export function formatQps(qps: number | null): string {
  if (qps === null) return '—';
  return qps >= 100 ? qps.toFixed(0) : qps >= 10 ? qps.toFixed(1) : qps.toFixed(2);
}

export const BASELINE_LABEL: Record<BaselineState, string> = {
  learning: 'learning',
  normal: 'normal',
  low: 'below usual',
  high: 'above usual',
  quiet: 'quiet',
  unknown: 'rate unknown',
};

export const BASELINE_COLOR: Record<BaselineState, string> = {
  learning: 'blue',
  normal: 'green',
  low: 'orange',
  high: 'orange',
  quiet: 'gray',
  unknown: 'gray',
};
