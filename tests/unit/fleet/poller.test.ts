import { describe, expect, it } from 'vitest';
import type { MetricName } from '../../../shared/domain/metrics';
import { Poller } from '../../../electron/core/fleet/Poller';
import { SnapshotDiffer } from '../../../electron/core/hybrid-dns/differ';
import type { RestClient, RestResult } from '../../../electron/core/hybrid-dns/RestClient';
import { nullLogger } from '../../../electron/core/util/logger';

// The legacy stack (the default server setup) pushes no query_update, so the QPS sparkline of a
// tile would stay empty without a rate derived from the polled queries-today counter.
function restWith(totals: number[]): RestClient {
  let poll = 0;
  return {
    get: async (path: string): Promise<RestResult> => {
      if (path === '/api/dashboard/stats') return { ok: true, status: 200, body: { queries: { total_today: totals[poll++] ?? 0, blocked_today: 1 } } };
      return { ok: false, status: 404, body: null, error: 'not found', banCounted: false, tls: false };
    },
  } as unknown as RestClient;
}

describe('Poller', () => {
  it('derives queries per second from successive queries-today totals, skipping a day rollover', async () => {
    let now = 1_000_000;
    const metrics: { name: MetricName; t: number; v: number }[] = [];
    const poller = new Poller(new SnapshotDiffer('s1', () => now), { events: () => {}, signal: () => {}, metric: (name, t, v) => metrics.push({ name, t, v }) }, nullLogger, () => now);
    const rest = restWith([1000, 1600, 100, 400]);
    await poller.poll(rest, 't');
    now += 60_000;
    await poller.poll(rest, 't');
    now += 60_000;
    await poller.poll(rest, 't'); // midnight: the counter restarts
    now += 30_000;
    await poller.poll(rest, 't');
    expect(metrics.filter((m) => m.name === 'qps').map((m) => m.v)).toEqual([10, 10]);
    expect(metrics.filter((m) => m.name === 'queriesToday').map((m) => m.v)).toEqual([1000, 1600, 100, 400]);
  });
});
