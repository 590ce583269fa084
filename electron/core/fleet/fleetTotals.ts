/**
 * The fleet strip's totals from the core's own state: statuses, the metrics store, open alerts and
 * the fleet verdict. Pure, so the browser host, Electron and the UI tests' fake core compute them alike.
 */
import type { Alert } from '../../../shared/domain/alert';
import type { FleetTotals } from '../../../shared/domain/fleetTotals';
import type { MetricName, MetricPoint } from '../../../shared/domain/metrics';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { FleetVerdict } from '../../../shared/domain/verdict';

/** A reading older than this is not current, even from a server still called live (as the exporter). */
export const CURRENT_READING_MS = 2 * 60_000;

export interface TotalsInput {
  now: number;
  statuses: readonly ServerStatus[];
  /** The latest point of one server's metric, if any. */
  latest(serverId: string, name: MetricName): MetricPoint | undefined;
  openAlerts: readonly Alert[];
  verdict: FleetVerdict;
}

export function computeFleetTotals(input: TotalsInput): FleetTotals {
  const watched = input.statuses.filter((s) => s.state !== 'disabled');
  const live = watched.filter((s) => s.state === 'live');
  const current = (id: string, name: MetricName) => {
    const p = input.latest(id, name);
    return p && input.now - p.t <= CURRENT_READING_MS ? p.v : undefined;
  };
  let qps = 0;
  let qpsFrom = 0;
  let blockedToday = 0;
  let queriesToday = 0;
  let blockedFrom = 0;
  for (const s of live) {
    const q = current(s.serverId, 'qps');
    if (q !== undefined) {
      qps += q;
      qpsFrom++;
    }
    const b = current(s.serverId, 'blockedToday');
    const t = current(s.serverId, 'queriesToday');
    if (b !== undefined && t !== undefined) {
      blockedToday += b;
      queriesToday += t;
      blockedFrom++;
    }
  }
  return {
    at: new Date(input.now).toISOString(),
    watched: watched.length,
    live: live.length,
    qps: { value: qpsFrom ? qps : null, from: qpsFrom },
    blocked: { percent: queriesToday > 0 ? (100 * blockedToday) / queriesToday : null, blockedToday, queriesToday, from: blockedFrom },
    alerts: alertCounts(input.openAlerts),
    verdict: input.verdict,
  };
}

function alertCounts(alerts: readonly Alert[]): FleetTotals['alerts'] {
  const out = { critical: 0, error: 0, warning: 0, info: 0, unhandled: 0 };
  for (const a of alerts) {
    if (a.status === 'resolved') continue;
    if (a.severity === 'critical' || a.severity === 'error' || a.severity === 'warning') out[a.severity]++;
    else out.info++;
    if (a.status === 'active') out.unhandled++;
  }
  return out;
}
