import { describe, expect, it } from 'vitest';
import { computeFleetTotals, CURRENT_READING_MS } from '../../../electron/core/fleet/fleetTotals';
import { MetricsStore } from '../../../electron/core/metrics/MetricsStore';
import { coverageText, missingText } from '../../../shared/domain/fleetTotals';
import type { ServerState } from '../../../shared/domain/serverState';
import { emptyCounts } from '../../../shared/domain/verdict';
import { alert, serverStatus } from '../../e2e/support/fakeData';

const NOW = 1_800_000_000_000;
const verdict = { level: 'ok' as const, counts: emptyCounts(), total: 0 };

function fleet(states: ServerState[]) {
  return states.map((st, i) => serverStatus(`s${i}`, st));
}

describe('computeFleetTotals', () => {
  it('sums qps and recomputes the blocked share from the summed counters, over live servers only', () => {
    const metrics = new MetricsStore();
    const statuses = fleet(['live', 'live', 'offline', 'disabled']);
    metrics.append('s0', 'qps', NOW - 1000, 100);
    metrics.append('s1', 'qps', NOW - 1000, 20);
    metrics.append('s2', 'qps', NOW - 1000, 999); // not live: its last reading is not the fleet's now
    metrics.append('s0', 'queriesToday', NOW - 1000, 9000);
    metrics.append('s0', 'blockedToday', NOW - 1000, 900);
    metrics.append('s1', 'queriesToday', NOW - 1000, 1000);
    metrics.append('s1', 'blockedToday', NOW - 1000, 600);
    const t = computeFleetTotals({ now: NOW, statuses, latest: (id, n) => metrics.latest(id, n), openAlerts: [], verdict });
    expect(t.watched).toBe(3); // disabled is not watched
    expect(t.live).toBe(2);
    expect(t.qps).toEqual({ value: 120, from: 2 });
    // 1500 of 10000, not the mean of 10 % and 60 %.
    expect(t.blocked.percent).toBeCloseTo(15);
    expect(t.blocked.from).toBe(2);
    expect(`qps ${coverageText(t.qps.from, t.watched)}`).toBe('qps from 2 of 3 servers');
    expect(missingText(t, t.qps.from)).toBe('1 not live');
  });

  it('leaves out a live server whose last reading is older than two minutes, and says so', () => {
    const metrics = new MetricsStore();
    metrics.append('s0', 'qps', NOW - 1000, 50);
    metrics.append('s1', 'qps', NOW - CURRENT_READING_MS - 1, 70);
    const t = computeFleetTotals({ now: NOW, statuses: fleet(['live', 'live']), latest: (id, n) => metrics.latest(id, n), openAlerts: [], verdict });
    expect(t.qps).toEqual({ value: 50, from: 1 });
    expect(t.blocked.percent).toBeNull(); // no counters at all: unknown, not 0 %
    expect(missingText(t, t.qps.from)).toBe('1 without a current reading');
  });

  it('has no qps at all (null, not 0) when no server reports, and counts open alerts by severity', () => {
    const alerts = [
      alert({ severity: 'critical' }),
      alert({ severity: 'error', status: 'acknowledged' }),
      alert({ severity: 'warning', status: 'snoozed' }),
      alert({ severity: 'warning' }),
      alert({ severity: 'info', status: 'resolved' }),
    ];
    const t = computeFleetTotals({ now: NOW, statuses: fleet(['offline']), latest: () => undefined, openAlerts: alerts, verdict });
    expect(t.qps.value).toBeNull();
    expect(t.alerts).toEqual({ critical: 1, error: 1, warning: 2, info: 0, unhandled: 2 });
    expect(coverageText(0, 0)).toBe('no servers watched');
    expect(coverageText(3, 3)).toBe('from all 3 servers');
  });
});
