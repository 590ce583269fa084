/**
 * The dashboard's 24 h fleet sums read an aggregate: 10-minute rollups, one stored row per server,
 * metric and step, instead of ten 1-minute rows. The answer must be the one the 1-minute rows give
 * (the computation before), on a random fleet with gaps, restarts of the day counters, silent and
 * disabled servers, and commits that split a step.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteEventLog } from '../../../electron/core/eventlog/SqliteEventLog';
import { migrate } from '../../../electron/core/eventlog/migrations';
import { fleetHistory } from '../../../electron/core/history/fleetHistory';
import { HistoryService, type HistoryLog } from '../../../electron/core/history/HistoryService';
import { averageSeries } from '../../../electron/core/history/historySeries';
import { historyWindow } from '../../../electron/core/history/historyWindow';
import type { FleetHistory, HistoryPoint, HistoryRange } from '../../../shared/domain/history';
import { DAY, HOUR, MINUTE } from '../../../shared/domain/ids';
import type { MetricName } from '../../../shared/domain/metrics';
import type { ServerStatus } from '../../../shared/domain/serverState';
import { clockAt, harness, type Harness } from '../eventlog/helpers';
import { NOW, status } from './helpers';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(async () => h.cleanup());

/** mulberry32: a seeded fleet, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Up to `servers` servers over the last 25 h: samples every 10..90 s, silent spells, counter restarts. */
async function randomFleet(log: SqliteEventLog, seed: number, servers: number): Promise<ServerStatus[]> {
  const rand = random(seed);
  const statuses: ServerStatus[] = [];
  for (let i = 0; i < servers; i++) {
    const serverId = `dns-${seed}-${i}`;
    const state = i === 0 ? 'disabled' : 'live';
    statuses.push(status({ serverId, name: `DNS ${i}`, state }));
    if (i === servers - 1) continue; // watched, never reported
    let queries = Math.floor(rand() * 1e6);
    let blocked = Math.floor(queries * rand() * 0.2);
    let silentUntil = 0;
    for (let t = NOW - 25 * HOUR + Math.floor(rand() * 60_000); t <= NOW; t += 10_000 + Math.floor(rand() * 80_000)) {
      if (t < silentUntil) continue;
      if (rand() < 0.003) silentUntil = t + Math.floor(rand() * 3 * HOUR);
      if (rand() < 0.002) [queries, blocked] = [0, 0]; // midnight or a restart
      const n = Math.floor(rand() * 5000);
      queries += n;
      blocked += Math.floor(n * rand() * 0.3);
      log.appendMetric(serverId, 'qps', t, rand() * 900 + rand());
      log.appendMetric(serverId, 'queriesToday', t, queries);
      if (rand() > 0.01) log.appendMetric(serverId, 'blockedToday', t, blocked);
      if (rand() < 0.01) await log.flush(); // a commit in the middle of a step
    }
  }
  await log.flush();
  return statuses;
}

/** The fleet sums as computed before: every 1-minute row of the window, merged into steps. */
function fromMinuteRows(log: SqliteEventLog, range: HistoryRange, statuses: ServerStatus[]): FleetHistory {
  const w = historyWindow(range, NOW);
  const watched = statuses.filter((s) => s.state !== 'disabled');
  const read = (name: MetricName) => {
    const out = new Map<string, { t: number; sum: number; count: number; min: number; max: number; rows: number }[]>();
    for (const { serverId, ...b } of log.metricBucketsOfMany(watched.map((s) => s.serverId), name, '1m', w.stepMs, Math.floor(w.fromMs / w.stepMs) * w.stepMs, w.toMs + 1)) {
      out.set(serverId, [...(out.get(serverId) ?? []), b]);
    }
    return out;
  };
  const [qps, queries, blocked] = [read('qps'), read('queriesToday'), read('blockedToday')];
  return fleetHistory(
    w,
    watched.map((s) => ({ serverId: s.serverId, name: s.name, qps: qps.get(s.serverId) ?? [], queries: queries.get(s.serverId) ?? [], blocked: blocked.get(s.serverId) ?? [] })),
  );
}

/** Equal, but for the last bits of a float: a sum of ten partial sums is not always the same sum. */
function expectSameNumbers(actual: number | null, expected: number | null, where: string): void {
  if (expected === null || actual === null) return expect(actual, where).toBe(expected);
  expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

function expectSameFleet(actual: FleetHistory, expected: FleetHistory): void {
  expect(actual.window).toEqual(expected.window);
  expect(actual.servers).toBe(expected.servers);
  expect(actual.withGaps).toEqual(expected.withGaps);
  expect(actual.points.map((p) => [p.t, p.reporting])).toEqual(expected.points.map((p) => [p.t, p.reporting]));
  actual.points.forEach((p, i) => {
    expectSameNumbers(p.qps, expected.points[i]!.qps, `qps at ${new Date(p.t).toISOString()}`);
    expectSameNumbers(p.blockedPercent, expected.points[i]!.blockedPercent, `blocked at ${new Date(p.t).toISOString()}`);
  });
}

/** The log as the service sees it, counting the stored rows its fleet reads touch. */
function counting(log: SqliteEventLog): { log: HistoryLog; rows: () => number } {
  let rows = 0;
  const wrapped: HistoryLog = {
    query: (...a) => log.query(...a),
    count: (...a) => log.count(...a),
    gaps: (...a) => log.gaps(...a),
    metricBuckets: (...a) => log.metricBuckets(...a),
    metricBucketsOfMany: (...a) => {
      const out = log.metricBucketsOfMany(...a);
      for (const b of out) rows += b.rows;
      return out;
    },
  };
  return { log: wrapped, rows: () => rows };
}

describe('the 24 h fleet sums read 10-minute rollups', () => {
  it('read at most one stored row per server, metric and 10-minute step (not ten 1-minute rows)', async () => {
    const log = h.open({ clock: clockAt(NOW), applyRetention: false });
    const statuses = Array.from({ length: 20 }, (_, i) => status({ serverId: `dns-${i}`, name: `DNS ${i}` }));
    for (const s of statuses) {
      for (let t = NOW - DAY - HOUR, q = 0; t <= NOW; t += MINUTE, q += 60) {
        log.appendMetric(s.serverId, 'qps', t, 1);
        log.appendMetric(s.serverId, 'queriesToday', t, q);
        log.appendMetric(s.serverId, 'blockedToday', t, q / 10);
      }
      await log.flush(); // rollups wait in memory for a commit, a bounded number of them
    }
    await log.flush();
    const { log: watched, rows } = counting(log);
    const fleet = new HistoryService({ log: watched, clock: clockAt(NOW), statuses: () => statuses, verdicts: () => [], maintenance: () => [] }).fleet('24h');
    expect(fleet.points.at(-2)).toMatchObject({ qps: 20, reporting: 20, blockedPercent: 10 });
    // 145 steps on the grid; the 1-minute rows of the same window are 1,441 per series.
    expect(rows()).toBeLessThanOrEqual(3 * 20 * 145);
    await log.close();
  });

  for (const seed of [7, 1234, 99_001]) {
    it(`give what the 1-minute rows give on a random fleet (seed ${seed})`, async () => {
      const log = h.open({ clock: clockAt(NOW), applyRetention: false });
      const statuses = await randomFleet(log, seed, 9);
      const service = new HistoryService({ log, clock: clockAt(NOW), statuses: () => statuses, verdicts: () => [], maintenance: () => [] });
      const fleet = service.fleet('24h');
      expect(fleet.points.some((p) => p.qps !== null && p.reporting > 1)).toBe(true);
      expectSameFleet(fleet, fromMinuteRows(log, '24h', statuses));
      // Asked again (the dashboard's refresh, from the cache): still the same.
      expectSameFleet(service.fleet('24h'), fromMinuteRows(log, '24h', statuses));
      // One server's 24 h chart reads the same rollups and draws the same line.
      const w = historyWindow('24h', NOW);
      const id = statuses[1]!.serverId;
      const line = service.series(id, '24h', ['qps']).series[0]!.points;
      const before: HistoryPoint[] = averageSeries(w, log.metricBuckets(id, 'qps', '1m', w.stepMs, w.fromMs, w.toMs + 1));
      expect(line.map((p) => p.t)).toEqual(before.map((p) => p.t));
      line.forEach((p, i) => expectSameNumbers(p.v, before[i]!.v, `series at ${p.t}`));
      await log.close();
    }, 60_000);
  }

  it('after the upgrade, a log written before 10-minute rollups gives the same sums from its 1-minute rows', async () => {
    const path = join(h.dir, 'events.db');
    const old = new Database(path);
    migrate(old, 7);
    const insert = old.prepare('INSERT INTO metric_rollups(server_id, name, resolution, bucket_ms, sum, min, max, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const statuses = [status({ serverId: 'a', name: 'A' }), status({ serverId: 'b', name: 'B' })];
    const rand = random(42);
    old.exec('BEGIN');
    for (const s of statuses) {
      for (let t = Math.floor((NOW - 2 * DAY) / MINUTE) * MINUTE, q = 0; t <= NOW; t += MINUTE) {
        if (s.serverId === 'b' && t % (7 * HOUR) < HOUR) continue; // a silent hour now and then
        const [v, count] = [rand() * 100, 1 + Math.floor(rand() * 6)];
        insert.run(s.serverId, 'qps', MINUTE, t, v * count, v / 2, v * 2, count);
        q += Math.floor(rand() * 1000);
        insert.run(s.serverId, 'queriesToday', MINUTE, t, q * count, q - 5, q, count);
        insert.run(s.serverId, 'blockedToday', MINUTE, t, (q / 8) * count, q / 8 - 1, q / 8, count);
      }
    }
    old.exec('COMMIT');
    old.close();
    const log = h.open({ clock: clockAt(NOW), applyRetention: false });
    const fleet = new HistoryService({ log, clock: clockAt(NOW), statuses: () => statuses, verdicts: () => [], maintenance: () => [] }).fleet('24h');
    expect(fleet.points.filter((p) => p.reporting === 2).length).toBeGreaterThan(100);
    expectSameFleet(fleet, fromMinuteRows(log, '24h', statuses));
    await log.close();
  });
});
