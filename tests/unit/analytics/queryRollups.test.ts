import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANALYTICS_SQL } from '../../../electron/core/analytics/queryAnalytics';
import { HOUR, MINUTE } from '../../../shared/domain/ids';
import { clockAt, harness, type Harness } from '../eventlog/helpers';
import { querySample } from './querySamples';

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(async () => {
  await h.cleanup();
});

describe('query analytics rollups', () => {
  it('answers top domains, top clients and the blocked ratio per server and fleet-wide over each range', async () => {
    const log = h.open({ clock: clockAt(NOW) });
    const events = [
      // Within the last 15 minutes
      ...Array.from({ length: 6 }, (_, i) => querySample('dns-01', NOW - 5 * MINUTE + i, 'intranet.corp.local', '10.0.0.1')),
      ...Array.from({ length: 3 }, (_, i) => querySample('dns-01', NOW - 4 * MINUTE + i, 'ads.tracker.io', '10.0.0.2', true)),
      querySample('dns-02', NOW - 2 * MINUTE, 'ads.tracker.io', '10.0.9.9', true),
      // 40 minutes ago: in 1 h, not in 15 min
      ...Array.from({ length: 5 }, (_, i) => querySample('dns-01', NOW - 40 * MINUTE + i, 'mail.corp.local', '10.0.0.3')),
      // 5 hours ago: only in 24 h
      ...Array.from({ length: 8 }, (_, i) => querySample('dns-01', NOW - 5 * HOUR + i, 'updates.vendor.net', '10.0.0.4')),
    ];
    log.append(events);
    await log.flush();

    const q15 = log.queryAnalytics({ serverId: 'dns-01', range: '15m' });
    expect(q15.samples).toBe(9);
    expect(q15.blockedRatio).toBeCloseTo(3 / 9);
    expect(q15.topDomains.map((d) => [d.key, d.count])).toEqual([
      ['intranet.corp.local', 6],
      ['ads.tracker.io', 3],
    ]);
    expect(q15.topClients[0]).toEqual({ key: '10.0.0.1', count: 6, error: 0 });
    expect(q15.nxdomainRatio).toBeNull();
    expect(q15.source).toMatch(/samples/);

    const h1 = log.queryAnalytics({ serverId: 'dns-01', range: '1h' });
    expect(h1.samples).toBe(14);
    expect(h1.topDomains.map((d) => d.key)).toEqual(['intranet.corp.local', 'mail.corp.local', 'ads.tracker.io']);

    const d1 = log.queryAnalytics({ serverId: 'dns-01', range: '24h' });
    expect(d1.samples).toBe(22);
    expect(d1.topDomains[0]).toEqual({ key: 'updates.vendor.net', count: 8, error: 0 });

    const fleet = log.queryAnalytics({ serverId: null, range: '15m' });
    expect(fleet.samples).toBe(10);
    expect(fleet.blocked).toBe(4);
    expect(fleet.topDomains.map((d) => [d.key, d.count])).toEqual([
      ['intranet.corp.local', 6],
      ['ads.tracker.io', 4],
    ]);
    expect(log.queryAnalytics({ serverId: 'dns-03', range: '24h' })).toMatchObject({ samples: 0, blockedRatio: null, topDomains: [] });
  });

  it('answers from the rollups alone: deleting the raw samples changes nothing, and the plan reads only query_rollups', async () => {
    const log = h.open({ clock: clockAt(NOW) });
    log.append(Array.from({ length: 30 }, (_, i) => querySample('dns-01', NOW - 10 * MINUTE + i * 1000, `d${i % 4}.example`, `10.1.0.${i % 3}`, i % 5 === 0)));
    await log.flush();
    const before = log.queryAnalytics({ serverId: 'dns-01', range: '1h' });
    expect(before.samples).toBe(30);

    // What retention does to old telemetry, done at once by a second connection.
    const db = new Database(join(h.dir, 'events.db'));
    const deleted = db.prepare("DELETE FROM events WHERE type = 'query_update'").run().changes + db.prepare("DELETE FROM events_inbox WHERE type = 'query_update'").run().changes;
    expect(deleted).toBe(30);
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n');
    for (const p of [plan(ANALYTICS_SQL, 'dns-01', MINUTE, 0, NOW), plan(ANALYTICS_SQL, '*', HOUR, 0, NOW)]) {
      expect(p).toMatch(/^SEARCH query_rollups USING PRIMARY KEY \(server_id=\? AND resolution=\? AND bucket_ms>\? AND bucket_ms<\?\)$/);
    }
    db.close();
    expect(log.queryAnalytics({ serverId: 'dns-01', range: '1h' })).toEqual(before);
  });

  it('stays bounded under a storm of distinct domains: one row per bucket, 50 entries, the real heavy hitter on top', async () => {
    const log = h.open({ clock: clockAt(NOW) });
    const start = NOW - 3 * MINUTE;
    const batch = [];
    for (let i = 0; i < 20_000; i++) {
      // Every 4th sample is the same domain; the rest are all different (a random-subdomain attack).
      const domain = i % 4 === 0 ? 'victim.example' : `r${i}.attack.example`;
      batch.push(querySample('dns-01', start + (i % 120_000), domain, `10.2.${i % 200}.1`));
    }
    for (let i = 0; i < batch.length; i += 2000) log.append(batch.slice(i, i + 2000));
    await log.flush();
    const db = new Database(join(h.dir, 'events.db'), { readonly: true });
    const rows = db.prepare('SELECT resolution, domains FROM query_rollups').all() as { resolution: number; domains: string }[];
    db.close();
    expect(rows.length).toBeLessThanOrEqual(8); // <= 3 minute buckets + 1 hour bucket, for the server and for the fleet
    for (const r of rows) expect((JSON.parse(r.domains) as unknown[]).length).toBeLessThanOrEqual(50);
    const q = log.queryAnalytics({ serverId: 'dns-01', range: '15m' });
    expect(q.samples).toBe(20_000);
    expect(q.topDomains[0]!.key).toBe('victim.example');
    expect(q.topDomains[0]!.count - q.topDomains[0]!.error).toBeLessThanOrEqual(5000);
    expect(q.topDomains[0]!.count).toBeGreaterThanOrEqual(5000);
    expect(q.approximate).toBe(true);
  });

  it('keeps the rollups across a restart', async () => {
    const log = h.open({ clock: clockAt(NOW) });
    log.append([querySample('dns-01', NOW - MINUTE, 'a.example', '10.0.0.1'), querySample('dns-01', NOW - MINUTE, 'a.example', '10.0.0.1', true)]);
    await log.close();
    const again = h.open({ clock: clockAt(NOW) });
    expect(again.queryAnalytics({ serverId: 'dns-01', range: '15m' })).toMatchObject({ samples: 2, blocked: 1, blockedRatio: 0.5 });
  });

  it('retention keeps 1-minute buckets for 3 hours and 1-hour buckets for 8 days', async () => {
    const log = h.open({ clock: clockAt(NOW) });
    log.append([NOW - 10 * MINUTE, NOW - 4 * HOUR, NOW - 9 * 24 * HOUR].map((t) => querySample('dns-01', t, 'a.example', '10.0.0.1')));
    await log.flush();
    log.applyRetentionStep();
    const db = new Database(join(h.dir, 'events.db'), { readonly: true });
    const rows = db.prepare("SELECT resolution, bucket_ms AS t FROM query_rollups WHERE server_id = 'dns-01' ORDER BY resolution, bucket_ms").all();
    db.close();
    expect(rows).toEqual([
      { resolution: MINUTE, t: NOW - 10 * MINUTE },
      { resolution: HOUR, t: NOW - 4 * HOUR },
      { resolution: HOUR, t: NOW - HOUR },
    ]);
  });
});
