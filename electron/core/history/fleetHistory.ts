/**
 * Fleet sums over a window: qps added across servers, and the blocked share recomputed from the
 * summed counter increases (never an average of percentages). Each point says how many servers
 * reported there, and servers that missed points are named, so a dip from a silent server is not
 * read as a drop in traffic.
 */
import type { FleetHistory, HistoryWindow } from '../../../shared/domain/history';
import type { RollupBucket } from '../eventlog/MetricRollups';
import { gridTimes } from './historyWindow';
import { counterIncrease } from './historySeries';

export interface ServerRollups {
  serverId: string;
  name: string;
  qps: readonly RollupBucket[];
  queries: readonly RollupBucket[];
  blocked: readonly RollupBucket[];
}

export function fleetHistory(w: HistoryWindow, servers: readonly ServerRollups[]): FleetHistory {
  const grid = gridTimes(w);
  const per = servers.map((s) => ({
    s,
    qps: new Map(s.qps.filter((b) => b.count > 0).map((b) => [b.t, b.sum / b.count])),
    q: counterIncrease(s.queries, w.stepMs),
    b: counterIncrease(s.blocked, w.stepMs),
  }));
  const points = grid.map((t) => {
    let qps = 0;
    let reporting = 0;
    let nq = 0;
    let nb = 0;
    for (const p of per) {
      const v = p.qps.get(t);
      if (v !== undefined) {
        qps += v;
        reporting++;
      }
      const dq = p.q.get(t);
      const db = p.b.get(t);
      if (dq !== undefined && db !== undefined) {
        nq += dq;
        nb += db;
      }
    }
    return { t, qps: reporting > 0 ? qps : null, blockedPercent: nq > 0 ? Math.min(100, (100 * nb) / nq) : null, reporting };
  });
  const withGaps = per
    .map((p) => ({ serverId: p.s.serverId, name: p.s.name, missingPoints: grid.filter((t) => !p.qps.has(t)).length }))
    .filter((g) => g.missingPoints > 0);
  return { window: w, servers: servers.length, points, withGaps };
}
