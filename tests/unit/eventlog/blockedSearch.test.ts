/**
 * "Blocked only" over history: the query tail's "same filter over history" link and the `blocked:`
 * field term, on query samples shaped from wire frames exactly as the server sends them (so the
 * stored `data` is what a real log holds), next to an admin broadcast that says "blocked".
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Normaliser } from '../../../electron/core/hybrid-dns/Normaliser';
import type { SqliteEventLog } from '../../../electron/core/eventlog/SqliteEventLog';
import { filterConditions } from '../../../electron/core/eventlog/filterSql';
import { EventQueryError } from '../../../electron/core/eventlog/searchQuery';
import { eventsCommand } from '../../../electron/hosts/cli/events';
import { nullLogger } from '../../../electron/core/util/logger';
import { forgetSecret, registerSecret } from '../../../electron/core/util/redact';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { EventPageSchema, type EventFilter } from '../../../shared/ipc/schemas';
import { eventFilterOf, parseEventView } from '../../../renderer/src/lib/eventView';
import { historyQuery, NO_TAIL_FILTER } from '../../../renderer/src/lib/queryTail';
import { clockAt, harness, type Harness } from './helpers';

const NOW = Date.now();
let h: Harness;
let log: SqliteEventLog;
let frameNo = 0;

const serverTime = (ms: number) => new Date(ms).toISOString().replace('Z', '');

/** A unified-stack query sample frame (protocol vector U6 with other values). */
function queryFrame(domain: string, client: string, blocked: boolean): string {
  const at = NOW - 60_000 + frameNo * 1000;
  return JSON.stringify({
    id: `q-${++frameNo}`,
    type: 'system_status',
    data: {
      type: 'query_update',
      data: { timestamp: serverTime(at), client_ip: client, query_domain: domain, query_type: 'A', blocked, response_time: 0.0, total_queries_today: 1230 + frameNo, blocked_queries_today: 17, current_qps: 0.35, avg_response_time: 0.0 },
    },
    timestamp: serverTime(at),
    priority: 'normal',
    metadata: {},
  });
}

/** An admin broadcast (vector U8) whose words include "blocked". */
function broadcastFrame(message: string): string {
  const at = NOW - 30_000;
  return JSON.stringify({ id: `b-${++frameNo}`, type: 'admin_broadcast', data: { message, from_admin: 'admin', broadcast_time: serverTime(at) }, timestamp: serverTime(at), priority: 'high', metadata: {} });
}

function shaped(serverId: string, frames: string[]): FleetEvent[] {
  const n = new Normaliser(serverId, nullLogger);
  return frames.flatMap((f) => {
    const out = n.ingest(f, 'unified', NOW);
    expect(out.rejected).toBeNull();
    return out.events;
  });
}

function seed(): FleetEvent[] {
  return [
    ...shaped('dns-01', [
      queryFrame('ads.tracker.io', '10.0.0.7', true),
      queryFrame('www.example.com', '10.0.0.7', false),
      // An allowed name with the word in it: only the flag says whether a query was blocked.
      queryFrame('blocked-sites.example.org', '10.0.0.8', false),
      broadcastFrame('Port 53 blocked at the firewall from 22:00 UTC'),
    ]),
    ...shaped('dns-02', [queryFrame('malware.bad.example', '10.0.9.9', true), queryFrame('mail.corp.local', '10.0.9.9', false)]),
  ];
}

/** What the events page asks the core for when the query tail's link is followed. */
function linkFilter(serverId: string, tail = NO_TAIL_FILTER): EventFilter {
  const view = parseEventView(historyQuery(serverId, tail));
  return eventFilterOf(view.filters, view.filters.search, undefined, undefined);
}

function list(filter: EventFilter): FleetEvent[] {
  return EventPageSchema.parse(log.query(filter, null, 100)).items;
}

const domains = (events: FleetEvent[]) => events.map((e) => (e.data as { domain?: string }).domain ?? e.title).sort();

/** The list, the total, the facets and the histogram all say `n` for `filter`. */
function expectCounted(filter: EventFilter, n: number): void {
  expect(list(filter)).toHaveLength(n);
  expect(log.count(filter)).toBe(n);
  const facets = log.facets(filter);
  expect(facets.total).toBe(n);
  expect(Object.values(facets.severities).reduce((a, b) => a + b, 0)).toBe(n);
  expect(log.histogram(filter, 10).buckets.reduce((a, b) => a + b.count, 0)).toBe(n);
}

beforeAll(async () => {
  h = harness();
  log = h.open({ clock: clockAt(NOW) });
  log.append(seed());
  await log.flush();
});
afterAll(async () => {
  await h.cleanup();
});

describe('"blocked only" over history', () => {
  it("the query tail's blocked-only link lists and counts only that server's blocked samples, not a broadcast or an allowed name that says 'blocked'", async () => {
    const filter = linkFilter('dns-01', { ...NO_TAIL_FILTER, blockedOnly: true });
    for (const stage of ['before the full-text index', 'after it']) {
      if (stage === 'after it') await log.indexNow();
      expect(domains(list(filter)), stage).toEqual(['ads.tracker.io']);
      expectCounted(filter, 1);
      expect(log.facets(filter).types).toEqual({ query_update: 1 });
    }
    // With the other tail filters too.
    expect(domains(list(linkFilter('dns-01', { client: '10.0.0.7', domain: 'TRACKER', blockedOnly: true })))).toEqual(['ads.tracker.io']);
    expect(list(linkFilter('dns-01', { client: '10.0.0.8', domain: '', blockedOnly: true }))).toEqual([]);
    expectCounted(linkFilter('dns-01'), 3);
  });
});

describe('the blocked: field term', () => {
  it('matches query samples by their stored flag (yes/no, true/false, any case, negated, with other terms), counted as listed', () => {
    const blocked = ['ads.tracker.io', 'malware.bad.example'];
    const allowed = ['blocked-sites.example.org', 'mail.corp.local', 'www.example.com'];
    for (const yes of ['blocked:yes', 'blocked:true', 'Blocked:YES']) {
      expect(domains(list({ search: yes })), yes).toEqual(blocked);
      expectCounted({ search: yes }, 2);
    }
    for (const no of ['blocked:no', 'blocked:false']) {
      expect(domains(list({ search: no })), no).toEqual(allowed);
      expectCounted({ search: no }, 3);
    }
    // Negated: every other event, the broadcast included.
    expect(domains(list({ search: 'type:query_update -blocked:yes' }))).toEqual(allowed);
    expectCounted({ search: '-blocked:no firewall' }, 1);
    expect(domains(list({ search: 'blocked:yes server:dns-02' }))).toEqual(['malware.bad.example']);
    expect(domains(list({ search: 'blocked:no domain:*blocked*' }))).toEqual(['blocked-sites.example.org']);
    expect(domains(list({ search: 'blocked:yes client:10.0.0.7' }))).toEqual(['ads.tracker.io']);
    expect(domains(list({ search: 'tracker blocked:yes' }))).toEqual(['ads.tracker.io']);
    expectCounted({ search: 'tracker blocked:no' }, 0);
    // Each facet under every filter but its own: the server facet still counts both servers' blocked samples.
    expect(log.facets({ servers: ['dns-01'], search: 'blocked:yes' }).servers).toEqual({ 'dns-01': 1, 'dns-02': 1 });
  });

  it('refuses a value that is not yes or no in words, and never crashes on hostile ones', () => {
    for (const hostile of ['blocked:', 'blocked:__proto__', 'blocked:constructor', 'blocked:toString', "blocked:yes'--", 'blocked:1', 'blocked:yes)OR(1', '-blocked:']) {
      expect(() => log.query({ search: hostile }, null, 10), hostile).toThrow(EventQueryError);
      expect(() => log.facets({ search: hostile }), hostile).toThrow(/"blocked:" takes yes or no/);
    }
    expect(log.count({})).toBe(6);
  });

  it('walks the type index, not every row of the log', () => {
    const db = new Database(join(h.dir, 'events.db'), { readonly: true });
    try {
      const plan = (filter: EventFilter) => {
        const c = filterConditions(filter);
        const rows = db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM all_events e WHERE ${c.where}`).all(...c.params) as { detail: string }[];
        return rows.map((r) => r.detail);
      };
      // The indexed table must not be read row by row (the inbox, not yet moved into it, is keyed by time alone).
      const scansOfEvents = (filter: EventFilter) => plan(filter).filter((d) => /^SCAN events\b(?!_)/.test(d));
      expect(plan({ search: 'blocked:yes' }).join('; ')).toMatch(/SEARCH events USING (COVERING )?INDEX events_type/);
      expect(scansOfEvents({ search: 'blocked:yes' })).toEqual([]);
      expect(scansOfEvents({ search: 'blocked:no client:10.0.0.7' })).toEqual([]);
      // For comparison: client: alone reads every row.
      expect(scansOfEvents({ search: 'client:10.0.0.7' }).length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('is the same language in `dnsfleet events --search`', async () => {
    const run = async (argv: string[]) => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      stdout.on('data', (c: Buffer) => out.push(c));
      stderr.on('data', (c: Buffer) => err.push(c));
      const code = await eventsCommand(['--data-dir', h.dir, ...argv], { stdout, stderr });
      return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
    };
    const rows = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as { server: string; type: string; title: string; data: { blocked: boolean } });
    const yes = await run(['--severity', 'debug', '--search', 'blocked:yes', '--json']);
    expect(yes.code).toBe(0);
    expect(rows(yes.stdout).map((r) => r.title).sort()).toEqual(['Blocked A ads.tracker.io from 10.0.0.7', 'Blocked A malware.bad.example from 10.0.9.9']);
    const one = await run(['--server', 'dns-01', '--search', 'blocked:no domain:*blocked*', '--json']);
    expect(rows(one.stdout).map((r) => [r.server, r.data.blocked])).toEqual([['dns-01', false]]);
    for (const bad of ['blocked:maybe', 'blocked:__proto__', 'blocked:']) {
      const r = await run(['--search', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/^dnsfleet events: .*"blocked:" takes yes or no/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('a stored sample whose data masking left unreadable as JSON', () => {
  it('neither fails the blocked: search nor is counted as blocked or allowed', async () => {
    const h2 = harness();
    // A password that ends in a backslash: masked in the JSON text, it takes the escape with it.
    const secret = 'hunter2\\';
    registerSecret(secret);
    try {
      const broken = h2.open({ clock: clockAt(NOW) });
      const [sample] = shaped('dns-03', [queryFrame(`pw-${secret}.example`, '10.0.0.1', true)]);
      broken.append([sample!, ...shaped('dns-03', [queryFrame('ok.example', '10.0.0.1', true)])]);
      await broken.flush();
      expect(broken.count({})).toBe(2);
      expect(broken.query({ search: 'blocked:yes' }, null, 10).items.map((e) => (e.data as { domain: string }).domain)).toEqual(['ok.example']);
      expect(broken.count({ search: 'blocked:no' })).toBe(0);
      expect(broken.count({ search: 'type:query_update -blocked:yes' })).toBe(1);
      expect(broken.facets({ search: 'blocked:yes' }).total).toBe(1);
      // The query tail's "domain contains" over history reads the same JSON.
      expect(broken.count({ search: 'blocked:yes domain:*ok*' })).toBe(1);
    } finally {
      forgetSecret(secret);
      await h2.cleanup();
    }
  });
});
