/**
 * Chart history benchmark (`npm run bench -- --only history`): an event log holding a week of
 * rollups for `servers` servers (qps and the two day counters at one point a minute for the last
 * 24 h, and one an hour before that), then the time the core takes to answer the dashboard's fleet
 * sums (24 h and 7 d, cold and asked again) and one server's 7 d series. Reports p50/max over `runs` after a warm-up.
 */
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventLog } from '../../electron/core/eventlog/SqliteEventLog';
import { HistoryService } from '../../electron/core/history/HistoryService';
import { systemClock } from '../../electron/core/platform';
import type { ServerStatus } from '../../shared/domain/serverState';

const MIN = 60_000;
const HOUR = 60 * MIN;

type Timing = { wall: { p50: number; max: number }; cpu: { p50: number; max: number } };

export interface HistoryBenchResult {
  servers: number;
  rollupRows: number;
  seedSeconds: number;
  /** A fresh service (nothing cached): the first dashboard open after start. */
  fleet24hColdMs: Timing;
  /** Asked again (the dashboard's refresh): only unfinished steps are read. */
  fleet24hMs: Timing;
  fleet7dMs: Timing;
  /** 7 d from a fresh service. */
  fleet7dColdMs: Timing;
  server7dMs: Timing;
  loadAverage: number;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: +s[Math.floor(s.length / 2)]!.toFixed(2), max: +s.at(-1)!.toFixed(2) };
};

/** Wall and CPU ms per call: on a shared machine the wall time mostly measures the neighbours. */
function time(runs: number, f: () => unknown): { wall: { p50: number; max: number }; cpu: { p50: number; max: number } } {
  f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: stats(wall), cpu: stats(cpu) };
}

export async function runHistoryBench(opts: { servers: number; runs: number }): Promise<HistoryBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-bench-history-'));
  const log = SqliteEventLog.open({ dataDir: dir, applyRetention: false });
  const now = Date.now();
  const started = performance.now();
  const statuses: ServerStatus[] = [];
  let appended = 0;
  for (let i = 0; i < opts.servers; i++) {
    const serverId = `dns-${String(i).padStart(3, '0')}`;
    statuses.push({ serverId, name: serverId, state: 'live', since: new Date(now).toISOString(), lastDataAt: null, stack: 'legacy', reconnect: null, forwarders: [], bindRunning: true });
    let q = 0;
    for (let t = now - 7 * 24 * HOUR; t < now; t += t < now - 24 * HOUR ? HOUR : MIN) {
      q += 600;
      log.appendMetric(serverId, 'qps', t, 10 + (i % 7));
      log.appendMetric(serverId, 'queriesToday', t, q);
      log.appendMetric(serverId, 'blockedToday', t, q / 20);
      // Rollup deltas wait in memory for a commit (bounded); let the writer take them.
      if ((appended += 3) % 6000 === 0) await log.flush();
    }
  }
  await log.flush();
  const seedSeconds = (performance.now() - started) / 1000;
  const service = () => new HistoryService({ log, clock: systemClock, statuses: () => statuses, verdicts: () => [], maintenance: () => [] });
  const history = service();
  const result: HistoryBenchResult = {
    servers: opts.servers,
    rollupRows: appended * 2,
    seedSeconds: +seedSeconds.toFixed(1),
    loadAverage: +loadavg()[0]!.toFixed(2),
    fleet24hColdMs: (time(Math.max(3, opts.runs / 4), () => service().fleet('24h'))),
    fleet24hMs: (time(opts.runs, () => history.fleet('24h'))),
    fleet7dMs: (time(opts.runs, () => history.fleet('7d'))),
    fleet7dColdMs: (time(Math.max(3, opts.runs / 4), () => service().fleet('7d'))),
    server7dMs: (time(opts.runs * 10, () => history.series('dns-000', '7d', ['qps', 'blockedPercent']))),
  };
  await log.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}
