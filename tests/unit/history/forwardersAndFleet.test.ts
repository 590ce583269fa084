/** Forwarder timelines, fleet sums and the server x forwarder matrix, from the event log and the statuses. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forwarderMatrix } from '../../../electron/core/history/forwarderMatrix';
import { HistoryService } from '../../../electron/core/history/HistoryService';
import type { SqliteEventLog } from '../../../electron/core/eventlog/SqliteEventLog';
import { MINUTE } from '../../../shared/domain/ids';
import type { ForwarderSnapshot, ServerStatus } from '../../../shared/domain/serverState';
import type { ServerVerdict } from '../../../shared/domain/verdict';
import { clockAt, harness, type Harness } from '../eventlog/helpers';
import { event, NOW, SERVER, status } from './helpers';

/** NOW is 30 s into a minute; data below is placed on whole minutes, as the steps are. */
const B = Math.floor(NOW / MINUTE) * MINUTE;

const fwd = (id: number, name: string, s: ForwarderSnapshot['status']): ForwarderSnapshot => ({ id, name, type: 'public', status: s, healthyServers: s === 'healthy' ? 2 : 0, totalServers: 2, lastChecked: null });
const change = (atMs: number, id: number, name: string, oldStatus: string | null, newStatus: string) =>
  event('forwarder_status_change', atMs, { category: 'health', derived: true, data: { forwarderId: id, forwarderName: name, oldStatus, newStatus, healthyServers: 0, totalServers: 2 } });

let h: Harness;
let log: SqliteEventLog;
let statuses: ServerStatus[];
const service = () => new HistoryService({ log, clock: clockAt(NOW), statuses: () => statuses, verdicts: () => [], maintenance: () => [] });

beforeEach(() => {
  h = harness();
  log = h.open({ clock: clockAt(NOW), applyRetention: false });
});
afterEach(async () => h.cleanup());

/** Health data every 30 s over [from, to): `healthy` of 2 forwarders. */
function health(serverId: string, from: number, to: number, healthy: (t: number) => number): void {
  for (let t = from; t < to; t += 30_000) {
    log.appendMetric(serverId, 'forwardersTotal', t, 2);
    log.appendMetric(serverId, 'forwardersHealthy', t, healthy(t));
  }
}

describe('forwarder history', () => {
  it('draws healthy, unhealthy and unknown spans from changes and from when health data arrived', async () => {
    const down = B - 9 * MINUTE;
    const silentFrom = B - 5 * MINUTE;
    const silentTo = B - 3 * MINUTE;
    health(SERVER, B - 15 * MINUTE, silentFrom, (t) => (t < down ? 2 : 1));
    health(SERVER, silentTo, NOW + 1, () => 1);
    log.append([change(down, 7, 'Quad9', 'healthy', 'unhealthy')]);
    await log.flush();
    statuses = [status({ forwarders: [fwd(3, 'Cloudflare', 'healthy'), fwd(7, 'Quad9', 'unhealthy')] })];
    const got = service().forwarders(SERVER, '15m');
    const quad9 = got.forwarders.find((f) => f.name === 'Quad9')!;
    expect(quad9.spans).toEqual([
      { status: 'healthy', fromMs: NOW - 15 * MINUTE, toMs: down },
      { status: 'unhealthy', fromMs: down, toMs: silentFrom },
      { status: 'unknown', fromMs: silentFrom, toMs: silentTo },
      { status: 'unhealthy', fromMs: silentTo, toMs: NOW },
    ]);
    expect(quad9.latencyMs).toBeNull();
    // Cloudflare never changed and was never "first seen" unhealthy: not healthy where no health data came.
    const cf = got.forwarders.find((f) => f.name === 'Cloudflare')!;
    expect(cf.spans.filter((s) => s.status !== 'unhealthy').map((s) => s.status)).toEqual(cf.spans.map((s) => s.status));
    expect(cf.spans.find((s) => s.status === 'unknown')).toEqual({ status: 'unknown', fromMs: silentFrom, toMs: silentTo });
  });

  it('starts from the last change before the window', async () => {
    health(SERVER, NOW - 15 * MINUTE, NOW, () => 1);
    log.append([change(NOW - 3 * 60 * MINUTE, 7, 'Quad9', 'healthy', 'unhealthy')]);
    await log.flush();
    statuses = [status({ forwarders: [fwd(7, 'Quad9', 'unhealthy')] })];
    const [quad9] = service().forwarders(SERVER, '15m').forwarders;
    expect(quad9!.spans.map((s) => s.status)).toEqual(['unhealthy']);
  });
});

describe('fleet totals', () => {
  it('sums qps across servers, recomputes the blocked share from summed counts, and names servers with gaps', async () => {
    for (let t = B - 15 * MINUTE; t <= NOW; t += 30_000) {
      const i = (t - (B - 15 * MINUTE)) / 30_000;
      log.appendMetric('a', 'qps', t, 100);
      log.appendMetric('a', 'queriesToday', t, i * 1000);
      log.appendMetric('a', 'blockedToday', t, i * 10); // 1 %
      if (t < B - 5 * MINUTE) {
        log.appendMetric('b', 'qps', t, 10);
        log.appendMetric('b', 'queriesToday', t, i * 100);
        log.appendMetric('b', 'blockedToday', t, i * 50); // 50 %
      }
    }
    await log.flush();
    statuses = [status({ serverId: 'a', name: 'A' }), status({ serverId: 'b', name: 'B' }), status({ serverId: 'c', name: 'C', state: 'disabled' })];
    const got = service().fleet('15m');
    expect(got.servers).toBe(2);
    const full = got.points.filter((p) => p.reporting === 2);
    const partial = got.points.filter((p) => p.reporting === 1);
    expect(full.length).toBeGreaterThan(6);
    expect(partial.length).toBeGreaterThan(3);
    for (const p of full.slice(1)) {
      expect(p.qps).toBe(110);
      expect(p.blockedPercent).toBeCloseTo((100 * (20 + 100)) / (2000 + 200), 5);
    }
    for (const p of partial.slice(1)) {
      expect(p.qps).toBe(100);
      expect(p.blockedPercent).toBeCloseTo(1, 5);
    }
    expect(got.withGaps.map((g) => g.name)).toEqual(['B']);
    expect(got.withGaps[0]!.missingPoints).toBe(partial.length);
  });
});

describe('the server x forwarder matrix', () => {
  const verdict = (serverId: string, level: ServerVerdict['level']): ServerVerdict => ({ serverId, name: serverId, level, reasons: level === 'blind' ? ['health data is 95 s old'] : [], acknowledged: false, since: '' });

  it('puts one upstream in one column across servers, failing columns first, and never green for a blind server', () => {
    const m = forwarderMatrix(
      [
        status({ serverId: 'a', name: 'A', forwarders: [fwd(1, 'Quad9', 'unhealthy'), fwd(2, 'Cloudflare', 'healthy')] }),
        status({ serverId: 'b', name: 'B', forwarders: [fwd(5, ' quad9 ', 'unhealthy')] }),
        status({ serverId: 'c', name: 'C', state: 'reconnecting', forwarders: [fwd(1, 'Quad9', 'healthy'), fwd(2, 'Cloudflare', 'healthy')] }),
        status({ serverId: 'd', name: 'D', forwarders: [fwd(9, '__proto__', 'healthy')] }),
        status({ serverId: 'e', name: 'E', forwarders: [fwd(2, 'Cloudflare', 'healthy')] }),
      ],
      [verdict('a', 'critical'), verdict('b', 'critical'), verdict('c', 'blind'), verdict('d', 'ok'), verdict('e', 'blind')],
    );
    expect(m.columns.map((c) => [c.name, c.summary])).toEqual([
      ['Quad9', 'unhealthy on 2 of 3 servers'],
      ['__proto__', 'no problem reported on 1 servers'],
      ['Cloudflare', 'no problem reported on 3 servers'],
    ]);
    const cell = (row: string, col: number) => m.rows.find((r) => r.serverId === row)!.cells[col];
    expect(cell('b', 0)?.status).toBe('unhealthy');
    expect(cell('c', 0)).toMatchObject({ status: 'unknown', lastKnown: 'healthy' });
    expect(m.rows.find((r) => r.serverId === 'c')!.blindReason).toBe('not live (reconnecting)');
    expect(cell('e', 2)).toMatchObject({ status: 'unknown', lastKnown: 'healthy' });
    expect(m.rows.find((r) => r.serverId === 'e')!.blindReason).toBe('health data is 95 s old');
    expect(cell('d', 1)?.status).toBe('healthy');
    expect(cell('b', 2)).toBeNull();
  });
});
