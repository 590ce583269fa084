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

// A fleet server with thousands of zones: the list comes in pages of 1000, and a partial list
// must never read as deleted zones.
describe('Poller zone pages', () => {
  const zone = (id: number, serial = 1) => ({ id, name: `z${id}.corp`, zone_type: 'master', serial, is_active: true, updated_at: '2025-06-01T10:00:00' });
  function restWithZones(state: { zones: ReturnType<typeof zone>[]; failPage?: number }): RestClient & { paths: string[] } {
    const paths: string[] = [];
    return {
      paths,
      get: async (path: string): Promise<RestResult> => {
        paths.push(path);
        const m = /^\/api\/zones\/\?limit=(\d+)&skip=(\d+)&active_only=false$/.exec(path);
        if (!m) return { ok: false, status: 404, body: null, error: 'not found', banCounted: false, tls: false };
        const [limit, skip] = [Number(m[1]), Number(m[2])];
        if (state.failPage !== undefined && skip / limit === state.failPage) return { ok: false, status: 503, body: null, error: 'busy', banCounted: true, tls: false };
        const items = state.zones.slice(skip, skip + limit);
        return { ok: true, status: 200, body: { items, total: state.zones.length, has_next: skip + limit < state.zones.length } };
      },
    } as unknown as RestClient & { paths: string[] };
  }

  it('reads every page before diffing, so a change in zone 2,400 of 2,500 is seen', async () => {
    const state = { zones: Array.from({ length: 2500 }, (_, i) => zone(i + 1)) };
    const events: string[] = [];
    const poller = new Poller(new SnapshotDiffer('s1', () => 1), { events: (es) => events.push(...es.map((e) => `${e.type}:${(e.data as { zoneId: number }).zoneId}`)), signal: () => {}, metric: () => {} }, nullLogger, () => 1);
    const rest = restWithZones(state);
    await poller.poll(rest, 't');
    expect(rest.paths.filter((p) => p.startsWith('/api/zones/'))).toEqual([
      '/api/zones/?limit=1000&skip=0&active_only=false',
      '/api/zones/?limit=1000&skip=1000&active_only=false',
      '/api/zones/?limit=1000&skip=2000&active_only=false',
    ]);
    state.zones[2399] = zone(2400, 2);
    await poller.poll(rest, 't');
    expect(events).toEqual(['zone_updated:2400']);
  });

  it('skips the zone diff when a page fails, instead of reporting the rest as deleted', async () => {
    const state: { zones: ReturnType<typeof zone>[]; failPage?: number } = { zones: Array.from({ length: 2500 }, (_, i) => zone(i + 1)) };
    const events: string[] = [];
    const poller = new Poller(new SnapshotDiffer('s1', () => 1), { events: (es) => events.push(...es.map((e) => e.type)), signal: () => {}, metric: () => {} }, nullLogger, () => 1);
    const rest = restWithZones(state);
    await poller.poll(rest, 't');
    state.failPage = 1;
    await poller.poll(rest, 't');
    expect(events).toEqual([]);
    state.failPage = undefined;
    state.zones.pop();
    await poller.poll(rest, 't');
    expect(events).toEqual(['zone_deleted']);
  });

  // Issue 17.8: a hostile server answered every page with 90,000 names and has_next: true; all
  // pages were held at once (RSS 2.1 GB after the first poll).
  it('stops at the cap on a hostile endless zone list: no diff, one warning, the rest of the poll still runs', async () => {
    const page = { items: Array.from({ length: 90_000 }, (_, i) => zone(i + 1)), has_next: true };
    const paths: string[] = [];
    const rest = {
      get: async (path: string): Promise<RestResult> => {
        paths.push(path);
        if (path.startsWith('/api/zones/')) return { ok: true, status: 200, body: page };
        return { ok: false, status: 404, body: null, error: 'not found', banCounted: false, tls: false };
      },
    } as unknown as RestClient;
    const warnings: string[] = [];
    const logger = { ...nullLogger, warn: (m: string) => void warnings.push(m), child: () => logger };
    const events: string[] = [];
    const poller = new Poller(new SnapshotDiffer('s1', () => 1), { events: (es) => events.push(...es.map((e) => e.type)), signal: () => {}, metric: () => {} }, logger, () => 1);
    await poller.poll(rest, 't');
    await poller.poll(rest, 't');
    expect(paths.filter((p) => p.startsWith('/api/zones/'))).toHaveLength(2); // one page per poll, then stop
    expect(paths.filter((p) => p.startsWith('/api/realtime/security'))).toHaveLength(2);
    expect(events).toEqual([]);
    expect(warnings.filter((w) => /zone list larger/.test(w))).toHaveLength(1);
  });

  it('an endless list of well-formed pages stops at 50,000 zones', async () => {
    let served = 0;
    const rest = {
      get: async (path: string): Promise<RestResult> => {
        if (!path.startsWith('/api/zones/')) return { ok: false, status: 404, body: null, error: 'not found', banCounted: false, tls: false };
        const items = Array.from({ length: 1000 }, () => zone(++served));
        return { ok: true, status: 200, body: { items, has_next: true } };
      },
    } as unknown as RestClient;
    const events: string[] = [];
    const poller = new Poller(new SnapshotDiffer('s1', () => 1), { events: (es) => events.push(...es.map((e) => e.type)), signal: () => {}, metric: () => {} }, nullLogger, () => 1);
    await poller.poll(rest, 't');
    expect(served).toBe(51_000); // the 51st page is read, found past the cap, and dropped
    expect(events).toEqual([]);
  });
});
