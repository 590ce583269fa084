/** Chart history from the event log: the range picks the rollup resolution, weeks stay bounded, gaps stay gaps. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryService } from '../../../electron/core/history/HistoryService';
import { historyWindow } from '../../../electron/core/history/historyWindow';
import type { SqliteEventLog } from '../../../electron/core/eventlog/SqliteEventLog';
import { DAY, HOUR, MINUTE } from '../../../shared/domain/ids';
import type { MaintenanceWindow } from '../../../shared/domain/maintenance';
import type { ServerStatus } from '../../../shared/domain/serverState';
import { clockAt, harness, type Harness } from '../eventlog/helpers';
import { event, NOW, SERVER, status } from './helpers';


let h: Harness;
let log: SqliteEventLog;
let statuses: ServerStatus[];
let windows: MaintenanceWindow[];
const service = () => new HistoryService({ log, clock: clockAt(NOW), statuses: () => statuses, verdicts: () => [], maintenance: () => windows });

beforeEach(() => {
  h = harness();
  log = h.open({ clock: clockAt(NOW), applyRetention: false });
  statuses = [status()];
  windows = [];
});
afterEach(async () => h.cleanup());

describe('the range picks the rollup resolution', () => {
  it('reads 1-minute rollups up to 24 h and 1-hour rollups for 7 d, on grids of at most 170 points', () => {
    const plan = (['15m', '1h', '24h', '7d'] as const).map((r) => {
      const w = historyWindow(r, NOW);
      return [r, w.resolution, w.stepMs, Math.ceil((w.toMs - w.fromMs) / w.stepMs)];
    });
    expect(plan).toEqual([
      ['15m', '1m', MINUTE, 15],
      ['1h', '1m', MINUTE, 60],
      ['24h', '1m', 10 * MINUTE, 144],
      ['7d', '1h', HOUR, 168],
    ]);
  });

  it('answers a 7 d query over a week of per-minute data from at most 169 hourly rows', async () => {
    for (let t = NOW - 7 * DAY; t <= NOW; t += MINUTE) log.appendMetric(SERVER, 'qps', t, 10 + (Math.floor(t / HOUR) % 5));
    await log.flush();
    const week = service().series(SERVER, '7d', ['qps']);
    expect(week.window.resolution).toBe('1h');
    const points = week.series[0]!.points;
    expect(points.length).toBeLessThanOrEqual(169);
    expect(points.filter((p) => p.v === null)).toEqual([]);
    // Each hour's mean is its own value: the hourly rollups answered, not a sample of minutes.
    for (const p of points.slice(1, -1)) expect(p.v).toBe(10 + (Math.floor(p.t / HOUR) % 5));
    const hourly = log.metricBuckets(SERVER, 'qps', '1h', HOUR, week.window.fromMs, week.window.toMs + 1);
    expect(hourly.reduce((s, b) => s + b.rows, 0)).toBeLessThanOrEqual(169);
    // The same span at minute resolution would have read 10,081 rows.
    const minutes = log.metricBuckets(SERVER, 'qps', '1m', HOUR, week.window.fromMs, week.window.toMs + 1);
    expect(minutes.reduce((s, b) => s + b.rows, 0)).toBeGreaterThan(10_000);
  }, 30_000);

  it('merges 1-minute rollups into 10-minute points for 24 h (every minute counts, not one per step)', async () => {
    for (let t = NOW - DAY; t <= NOW; t += MINUTE) log.appendMetric(SERVER, 'cpu', t, Math.floor(t / MINUTE) % 10);
    await log.flush();
    const day = service().series(SERVER, '24h', ['cpu']);
    const points = day.series[0]!.points;
    expect(points.length).toBeLessThanOrEqual(145);
    // A 10-minute step holds the minutes 0..9 once each: its mean is 4.5 (one minute alone would be 0).
    for (const p of points.slice(1, -1)) expect(p.v).toBe(4.5);
  });

  it('leaves a step without data empty (a break in the line), never zero', async () => {
    for (let t = NOW - HOUR; t <= NOW; t += 20_000) if (t < NOW - 40 * MINUTE || t > NOW - 30 * MINUTE) log.appendMetric(SERVER, 'qps', t, 50);
    await log.flush();
    const points = service().series(SERVER, '1h', ['qps']).series[0]!.points;
    const empty = points.filter((p) => p.v === null).map((p) => (NOW - p.t) / MINUTE);
    expect(empty.length).toBeGreaterThanOrEqual(9);
    for (const ago of empty) {
      expect(ago).toBeGreaterThan(29);
      expect(ago).toBeLessThan(41);
    }
    expect(points.filter((p) => p.v !== null).every((p) => p.v === 50)).toBe(true);
  });

  it('derives the blocked share from the day counters, across a counter reset', async () => {
    // 100 queries and 10 blocked a minute; the counters restart at NOW - 5 min (midnight, a restart).
    const start = NOW - 15 * MINUTE;
    for (let t = start, i = 0; t <= NOW; t += 30_000, i++) {
      const base = t < NOW - 5 * MINUTE ? 5000 + i * 50 : (i - 20) * 50;
      log.appendMetric(SERVER, 'queriesToday', t, base);
      log.appendMetric(SERVER, 'blockedToday', t, base / 10);
    }
    await log.flush();
    const points = service().series(SERVER, '15m', ['blockedPercent']).series[0]!.points.filter((p) => p.v !== null);
    expect(points.length).toBeGreaterThan(10);
    for (const p of points) expect(p.v).toBeCloseTo(10, 5);
  });
});

describe('annotations', () => {
  it('names reloads, restarts, config and zone changes, maintenance and gaps, and nothing else', async () => {
    log.append([
      event('bind_reload', NOW - 50 * MINUTE, { title: 'rndc reload' }),
      event('config_change', NOW - 40 * MINUTE, { title: 'named.conf.options edited' }),
      event('zone_updated', NOW - 30 * MINUTE, { title: 'Zone corp.local updated', derived: true }),
      event('bind_down', NOW - 20 * MINUTE, { derived: true }),
      event('bind_up', NOW - 19 * MINUTE, { derived: true }),
      event('query_update', NOW - 10 * MINUTE),
      event('bind_reload', NOW - 2 * HOUR), // before the range
      event('connection_gap', NOW - 15 * MINUTE, {
        category: 'connection',
        derived: true,
        data: { from: new Date(NOW - 15 * MINUTE).toISOString(), to: new Date(NOW - 13 * MINUTE).toISOString(), seconds: 120 },
      }),
    ]);
    await log.flush();
    windows = [{ id: 'mw', serverId: SERVER, startsAt: NOW - 8 * MINUTE, endsAt: NOW - 3 * MINUTE, recurrence: 'none', timeZone: 'UTC', note: 'kernel update' }];
    statuses = [status({ state: 'reconnecting', blindSince: new Date(NOW - MINUTE).toISOString(), blindCause: 'connection refused' })];
    const got = service().annotations(SERVER, '1h');
    expect(got.omitted).toBe(0);
    expect(got.annotations.map((a) => [a.kind, (NOW - a.atMs) / MINUTE, a.untilMs === null ? null : (NOW - a.untilMs) / MINUTE])).toEqual([
      ['bind-reload', 50, null],
      ['config-change', 40, null],
      ['zone-change', 30, null],
      ['bind-down', 20, null],
      ['bind-restart', 19, null],
      ['gap', 15, 13],
      ['maintenance', 8, 3],
      ['gap', 1, null],
    ]);
    const text = got.annotations.map((a) => a.text);
    expect(text[0]).toBe('BIND reloaded: rndc reload');
    expect(text[5]).toMatch(/Not live for 120 s/);
    expect(text[6]).toBe('Maintenance window: kernel update');
    expect(text[7]).toMatch(/reconnecting.*connection refused/);
  });
});

describe('asked again', () => {
  it('reads only the unfinished steps the second time, and answers the same as a fresh query', async () => {
    for (let t = NOW - DAY; t <= NOW - 5 * MINUTE; t += MINUTE) log.appendMetric(SERVER, 'qps', t, 7);
    await log.flush();
    let rowsRead = 0;
    let now = NOW;
    const counting = {
      query: log.query.bind(log),
      count: log.count.bind(log),
      gaps: log.gaps.bind(log),
      metricBuckets: (...args: Parameters<SqliteEventLog['metricBuckets']>) => {
        const out = log.metricBuckets(...args);
        rowsRead += out.reduce((s, b) => s + b.rows, 0);
        return out;
      },
      metricBucketsOfMany: (...args: Parameters<SqliteEventLog['metricBucketsOfMany']>) => {
        const out = log.metricBucketsOfMany(...args);
        rowsRead += out.reduce((s, b) => s + b.rows, 0);
        return out;
      },
    };
    const clock = { ...clockAt(NOW), now: () => now };
    const asked = new HistoryService({ log: counting, clock, statuses: () => statuses, verdicts: () => [], maintenance: () => windows });
    asked.series(SERVER, '24h', ['qps']);
    expect(rowsRead).toBeGreaterThan(140); // the day, as one 10-minute rollup row per step
    expect(rowsRead).toBeLessThanOrEqual(145);
    rowsRead = 0;
    asked.fleet('24h');
    expect(rowsRead).toBeLessThanOrEqual(30); // the fleet sums share what the server chart just read
    rowsRead = 0;
    for (let t = NOW - 4 * MINUTE; t <= NOW + 2 * MINUTE; t += MINUTE) log.appendMetric(SERVER, 'qps', t, 9);
    await log.flush();
    now = NOW + 2 * MINUTE;
    const again = asked.series(SERVER, '24h', ['qps']);
    const fleetAgain = asked.fleet('24h');
    expect(rowsRead).toBeLessThanOrEqual(60); // this step and the one before, twice, not the day
    const fresh = new HistoryService({ log, clock, statuses: () => statuses, verdicts: () => [], maintenance: () => windows });
    expect(again).toEqual(fresh.series(SERVER, '24h', ['qps']));
    expect(fleetAgain).toEqual(fresh.fleet('24h'));
    expect(fleetAgain.points.filter((p) => p.qps !== null).length).toBeGreaterThan(140);
  });
});
