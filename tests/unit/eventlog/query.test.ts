import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseConditions } from '../../../electron/core/eventlog/filterSql';
import { EventPageSchema, type EventFilter } from '../../../shared/ipc/schemas';
import type { SqliteEventLog } from '../../../electron/core/eventlog/SqliteEventLog';
import { EventQueryError } from '../../../electron/core/eventlog/searchQuery';
import { sampleEvents } from '../../fixtures/eventlog/sampleEvents';
import { clockAt, harness, type Harness } from './helpers';

const START = Date.UTC(2025, 0, 1);
const COUNT = 400; // 5 kinds x 8 servers, one event a minute
let h: Harness;
let log: SqliteEventLog;

beforeAll(async () => {
  h = harness();
  log = h.open({ clock: clockAt(START + 2 * 86_400_000) });
  log.append(sampleEvents(COUNT, { startMs: START, stepMs: 60_000 }));
  await log.flush();
  await log.indexNow();
});
afterAll(async () => {
  await h.cleanup();
});

function all(filter: EventFilter, pageSize = 37) {
  const out = [];
  let cursor: string | null = null;
  do {
    const page = EventPageSchema.parse(log.query(filter, cursor, pageSize));
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('event queries', () => {
  it('uses the partial indexes when telemetry (debug) is not asked for, and still finds debug when it is', () => {
    const db = new Database(join(h.dir, 'events.db'), { readonly: true });
    try {
      const plan = (filter: EventFilter) => {
        const c = baseConditions(filter);
        const rows = db.prepare(`EXPLAIN QUERY PLAN SELECT e.key FROM events e WHERE ${c.where} ORDER BY e.key DESC LIMIT 51`).all(...c.params) as { detail: string }[];
        return rows.map((r) => r.detail).join('; ');
      };
      expect(plan({ severities: ['critical'] })).toMatch(/USING (COVERING )?INDEX events_severity/);
      expect(plan({ severities: ['critical', 'debug'] })).not.toMatch(/events_severity/);
    } finally {
      db.close();
    }
    const debug = all({ severities: ['debug'] });
    expect(debug.length).toBe(COUNT / 5);
    expect(all({ servers: ['dns-east-1'], severities: ['debug', 'critical'] }).every((e) => e.serverId === 'dns-east-1')).toBe(true);
    expect(all({ servers: ['dns-east-1'] }).length).toBe(all({ servers: ['dns-east-1'], severities: ['info', 'warning', 'error', 'critical'] }).length + all({ servers: ['dns-east-1'], severities: ['debug'] }).length);
  });

  it('pages newest first with an opaque cursor, without gaps or repeats', () => {
    const items = all({});
    expect(items).toHaveLength(COUNT);
    expect(new Set(items.map((e) => e.id)).size).toBe(COUNT);
    const times = items.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(log.query({}, null, COUNT).nextCursor).toBeNull();
  });

  it('rejects a tampered cursor with a clear error', () => {
    expect(() => log.query({}, 'bm90LWEtY3Vyc29y', 10)).toThrow(EventQueryError);
  });

  it('combines server, category, severity, type, derived and time filters', () => {
    const filter: EventFilter = {
      servers: ['dns-east-1', 'dns-west-1'],
      categories: ['health', 'security'],
      severities: ['warning', 'error'],
      since: new Date(START + 60 * 60_000).toISOString(),
      until: new Date(START + 300 * 60_000).toISOString(),
    };
    const items = all(filter);
    expect(items.length).toBeGreaterThan(0);
    for (const e of items) {
      expect(['dns-east-1', 'dns-west-1']).toContain(e.serverId);
      expect(['health', 'security']).toContain(e.category);
      expect(Date.parse(e.occurredAt)).toBeGreaterThanOrEqual(START + 60 * 60_000);
      expect(Date.parse(e.occurredAt)).toBeLessThan(START + 300 * 60_000);
    }
    expect(all({ types: ['threat_detected'], derived: true })).toEqual([]);
    expect(all({ types: ['threat_detected'] }).every((e) => !e.derived)).toBe(true);
    expect(log.count(filter)).toBe(items.length);
  });

  it('finds words in title, summary and data; supports phrases, prefixes and exclusion', () => {
    const inData = all({ search: 'blocked' });
    expect(inData.length).toBe(COUNT / 5);
    expect(inData.every((e) => e.type === 'threat_detected')).toBe(true);
    const phrase = all({ search: '"bind stopped"' });
    expect(phrase.every((e) => e.title === 'BIND stopped')).toBe(true);
    expect(phrase).toHaveLength(COUNT / 5);
    expect(all({ search: 'upstr*' }).length).toBe(COUNT / 5);
    expect(all({ search: 'forwarder -upstream-3' }).every((e) => !e.title.includes('upstream-3 '))).toBe(true);
    expect(all({ search: 'bind', servers: ['dns-east-1'] }).every((e) => e.serverId === 'dns-east-1')).toBe(true);
  });

  it('finds words by their beginning, event types by name, and field terms', () => {
    const samples = sampleEvents(COUNT, { startMs: START, stepMs: 60_000 });
    expect(all({ search: 'unhealth' })).toHaveLength(COUNT / 5);
    const byType = all({ search: 'bind_down' });
    expect(byType).toHaveLength(COUNT / 5);
    expect(byType.every((e) => e.type === 'bind_down')).toBe(true);
    expect(all({ search: 'type:zone*' }).every((e) => e.type === 'zone_updated')).toBe(true);
    expect(all({ search: 'type:zone*' })).toHaveLength(COUNT / 5);
    expect(all({ search: 'server:dns-east-1' })).toHaveLength(COUNT / 8);
    expect(all({ search: 'server:dns-east*' })).toHaveLength(COUNT / 4);
    expect(all({ search: 'severity>=error' })).toHaveLength((2 * COUNT) / 5);
    expect(all({ search: 'severity>warning -severity:critical', servers: ['dns-ap-2'] }).every((e) => e.severity === 'error' && e.serverId === 'dns-ap-2')).toBe(true);
    const client = (samples[1]!.data as { clientIp: string }).clientIp;
    const withClient = all({ search: `client:${client}` });
    expect(withClient.length).toBe(samples.filter((e) => (e.data as { clientIp?: string }).clientIp === client).length);
    expect(withClient.length).toBeGreaterThan(0);
    expect(all({ search: 'domain:example.net' })).toHaveLength(COUNT / 5);
    expect(all({ search: 'domain:bad1.example.net' })).toHaveLength(samples.filter((e) => (e.data as { domain?: string }).domain === 'bad1.example.net').length);
    // The query tail's "domain contains" filter, over history: only the domain's own text counts.
    const containing = samples.filter((e) => ((e.data as { domain?: string }).domain ?? '').includes('d1.example'));
    expect(containing.length).toBeGreaterThan(0);
    expect(all({ search: 'domain:*d1.example*' })).toHaveLength(containing.length);
    expect(all({ search: 'domain:*D1.EXAMPLE*' })).toHaveLength(containing.length);
    const others = all({ search: 'type:threat_detected -domain:*d1.example*' });
    expect(others).toHaveLength(COUNT / 5 - containing.length);
    expect(others.every((e) => !(e.data as { domain: string }).domain.includes('d1.example'))).toBe(true);
    const mixed: EventFilter = { search: 'blocked server:dns-west* severity>=warning' };
    expect(log.facets(mixed).total).toBe(all(mixed).length);
    expect(all(mixed).every((e) => e.type === 'threat_detected' && e.serverId.startsWith('dns-west'))).toBe(true);
  });

  it('refuses field values that are not plain names, in words rather than SQL errors', () => {
    for (const hostile of ["server:x'--", 'type:a[b]', 'domain:%', 'domain:*%*', 'domain:*a_%*', 'client:"1"', 'severity>=1 OR 1=1']) {
      expect(() => log.query({ search: hostile }, null, 10)).toThrow(EventQueryError);
    }
    expect(() => log.query({ search: 'server:a_b* domain:x_y.example' }, null, 10)).not.toThrow();
    expect(log.count({})).toBe(COUNT);
  });

  it('treats hostile search text as words, never as SQL or FTS syntax', () => {
    for (const hostile of ["'; DROP TABLE events; --", 'title:BIND OR 1=1', 'NEAR(a b)', '(a) AND (', 'x" OR "1"="1']) {
      expect(() => log.query({ search: hostile }, null, 10)).not.toThrow();
    }
    expect(log.count({})).toBe(COUNT);
    expect(() => log.query({ search: '"open' }, null, 10)).toThrow(/closing/);
  });

  it('finds events that the full-text index has not reached yet', async () => {
    const h2 = harness();
    try {
      const fresh = h2.open({ clock: clockAt(START + 86_400_000) });
      fresh.append(sampleEvents(10, { startMs: START, prefix: 'late' }));
      await fresh.flush();
      expect(fresh.stats().searchIndexPending).toBeGreaterThan(0);
      expect(fresh.query({ search: 'Blocked malware' }, null, 10).items).toHaveLength(2);
      await fresh.indexNow();
      expect(fresh.stats().searchIndexPending).toBe(0);
      expect(fresh.query({ search: 'Blocked malware' }, null, 10).items).toHaveLength(2);
    } finally {
      await h2.cleanup();
    }
  });

  it('counts facets under the filter', () => {
    const f = log.facets({ servers: ['dns-east-1'] });
    expect(f.total).toBe(COUNT / 8);
    expect(f.servers['dns-east-1']).toBe(COUNT / 8);
    expect(Object.values(f.categories).reduce((a, b) => a + b, 0)).toBe(COUNT / 8);
    expect(f.severities.critical).toBe(COUNT / 40);
  });

  it('counts each facet under every filter but its own, and the total under all of them', () => {
    // 10 events of each kind per server. The reported defect: the total and the severity facet
    // ignored the server filter ("288 events" where the list held 32).
    const filter: EventFilter = { servers: ['dns-east-1'], severities: ['critical', 'warning'] };
    const f = log.facets(filter);
    expect(f.total).toBe(all(filter).length);
    expect(f.total).toBe(20);
    expect(f.severities).toEqual({ debug: 10, info: 10, warning: 10, error: 10, critical: 10 });
    expect(Object.keys(f.servers)).toHaveLength(8);
    expect(Object.values(f.servers).every((n) => n === 20)).toBe(true);
    expect(f.categories).toEqual({ health: 10, system: 10 });
    expect(f.types).toEqual({ forwarder_status_change: 10, bind_down: 10 });
  });

  it('counts what a search lists, under the other filters too', () => {
    const filter: EventFilter = { servers: ['dns-east-1', 'dns-west-1'], categories: ['health'], search: 'upstream' };
    const f = log.facets(filter);
    expect(f.total).toBe(all(filter).length);
    expect(f.total).toBe(20);
    expect(f.categories.health).toBe(20);
    expect(f.servers['dns-east-2']).toBe(10);
    expect(log.count(filter)).toBe(f.total);
  });

  it('buckets a time histogram over the requested range', () => {
    const hist = log.histogram({ since: new Date(START).toISOString(), until: new Date(START + 100 * 60_000).toISOString() }, 10);
    expect(hist.bucketMs).toBe(10 * 60_000);
    expect(hist.buckets).toHaveLength(10);
    expect(hist.buckets.every((b) => b.count === 10)).toBe(true);
    expect(hist.buckets[0]!.t).toBe(START);
  });

  it('filters by whether the alert an event raised is acknowledged', async () => {
    const raised = (id: string, acked: boolean) => ({
      id: `al-${id}`,
      serverId: 'dns-east-1',
      key: id,
      rule: 'r',
      severity: 'error' as const,
      title: 't',
      detail: 'd',
      status: acked ? ('acknowledged' as const) : ('active' as const),
      raisedAt: '2025-01-01T00:00:00.000Z',
      lastSeenAt: '2025-01-01T00:00:00.000Z',
      resolvedAt: null,
      ack: acked ? { by: 'bob', at: '2025-01-01T00:01:00.000Z', note: 'on it' } : null,
      snoozedUntil: null,
      eventId: id,
      count: 1,
    });
    log.saveAlert(raised('ev-000000001', true));
    log.saveAlert(raised('ev-000000002', false));
    await log.flush();
    expect(all({ acknowledged: true }).map((e) => e.id)).toEqual(['ev-000000001']);
    expect(all({ acknowledged: false }).map((e) => e.id)).toEqual(['ev-000000002']);
  });
});
