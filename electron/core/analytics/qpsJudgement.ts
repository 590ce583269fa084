/**
 * How a server's current query rate stands against its baseline, and what the operator is told: one
 * pure function from (model, rate, settings) to the view the UI, the CLI and the exporter show.
 */
import type { BaselineState, QpsBaselineView } from '../../../shared/domain/analytics';
import type { AnalyticsSettings } from './analyticsSettings';
import { band, expectedQps, type QpsModel } from './QpsModel';

const fmt = (qps: number): string => (qps >= 100 ? qps.toFixed(0) : qps >= 10 ? qps.toFixed(1) : qps.toFixed(2));

export function judgeRate(
  serverId: string,
  m: QpsModel,
  now: number,
  currentQps: number | null,
  s: AnalyticsSettings,
  outsideSince: number | null,
): QpsBaselineView {
  const expected = expectedQps(m, now, s.qpsWarmupHours);
  const b = expected === null ? null : band(expected, s.qpsBandPercent);
  const state = stateOf(currentQps, expected, b, s.qpsMinQps);
  return {
    serverId,
    state,
    currentQps,
    expectedQps: expected,
    bandLowQps: b?.low ?? null,
    bandHighQps: b?.high ?? null,
    learnedHours: m.learnedHours,
    warmupHours: s.qpsWarmupHours,
    outsideSince: state === 'low' || state === 'high' ? outsideSince : null,
    detail: detailOf(state, currentQps, expected, b, m.learnedHours, s),
  };
}

function stateOf(qps: number | null, expected: number | null, b: { low: number; high: number } | null, minQps: number): BaselineState {
  if (qps === null) return 'unknown';
  if (expected === null || b === null) return 'learning';
  if (qps < minQps && expected < minQps) return 'quiet';
  if (qps < b.low) return 'low';
  if (qps > b.high) return 'high';
  return 'normal';
}

function detailOf(
  state: BaselineState,
  qps: number | null,
  expected: number | null,
  b: { low: number; high: number } | null,
  learned: number,
  s: AnalyticsSettings,
): string {
  const usual = expected !== null && b ? `usually ${fmt(expected)} qps at this hour (band ${fmt(b.low)}–${fmt(b.high)})` : '';
  switch (state) {
    case 'unknown':
      return 'No current query rate: the server has not reported its query counter lately.';
    case 'learning':
      return learned < s.qpsWarmupHours
        ? `Learning: ${learned} of ${s.qpsWarmupHours} hours of history seen; ${fmt(qps!)} qps now.`
        : `Learning: this hour of the week has not been seen yet; ${fmt(qps!)} qps now.`;
    case 'quiet':
      return `Quiet: ${fmt(qps!)} qps now, ${usual}; below ${s.qpsMinQps} qps the rate is not judged.`;
    case 'low':
      return `Low: ${fmt(qps!)} qps now, ${usual}.`;
    case 'high':
      return `High: ${fmt(qps!)} qps now, ${usual}.`;
    default:
      return `Normal: ${fmt(qps!)} qps now, ${usual}.`;
  }
}
