/**
 * The inbox (migration 5): rows are committed there first and moved into the indexed table behind
 * the writer. Whatever is still in it must be found exactly as if it had been moved.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventQueries } from '../../../electron/core/eventlog/EventQueries';
import { InboxPromoter } from '../../../electron/core/eventlog/InboxPromoter';
import { migrate } from '../../../electron/core/eventlog/migrations';
import { Retention, usedBytes } from '../../../electron/core/eventlog/Retention';
import { packEvents } from '../../../electron/core/eventlog/packedRows';
import { WriterCore } from '../../../electron/core/eventlog/WriterCore';
import { WriteStatements } from '../../../electron/core/eventlog/writeStatements';
import type { FromWriter } from '../../../electron/core/eventlog/writerProtocol';
import { systemClock } from '../../../electron/core/platform';
import { nullLogger } from '../../../electron/core/util/logger';
import type { EventFilter } from '../../../shared/ipc/schemas';
import { sampleEvent, sampleEvents } from '../../fixtures/eventlog/sampleEvents';
import { clockAt, harness, type Harness } from './helpers';

const START = Date.UTC(2025, 0, 1);
const COUNT = 400;
const NOW = START + 2 * 86_400_000;
const COLUMNS = 'key, id, server_id, type, category, severity, received_ms, title, summary, data, derived, dedup_key, dedup_hash';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(async () => {
  await h.cleanup();
});

/** A log of COUNT events, every one indexed, closed. */
async function indexedLog(): Promise<string> {
  const log = h.open({ clock: clockAt(NOW) });
  log.append(sampleEvents(COUNT, { startMs: START, stepMs: 60_000 }));
  await log.flush();
  await log.indexNow();
  await log.close();
  return join(h.dir, 'events.db');
}

/** Puts the newest rows back in the inbox: the state after a burst (or a kill) before they were moved. */
function moveBackToInbox(db: Database.Database, fromKey: number): number {
  return db.transaction(() => {
    db.prepare(`INSERT INTO events_inbox(${COLUMNS}) SELECT ${COLUMNS} FROM events WHERE key >= ?`).run(fromKey);
    // The delete trigger takes them out of the search index too.
    return db.prepare('DELETE FROM events WHERE key >= ?').run(fromKey).changes;
  })();
}

const FILTERS: EventFilter[] = [
  {},
  { servers: ['dns-east-2'] },
  { severities: ['critical', 'error'] },
  { types: ['zone_updated'], servers: ['dns-west-1'] },
  { derived: true, since: new Date(START + 200 * 60_000).toISOString() },
  { search: '"BIND stopped"' },
  { search: 'upstream-3' },
  { search: 'malware -operator4', servers: ['dns-eu-1', 'dns-ap-2'] },
  { search: 'unhealth server:dns-west* severity>=warning' },
  { search: 'bind_down' },
  { search: 'domain:example.net blocked' },
];

function everything(q: EventQueries, filter: EventFilter) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = q.query(filter, cursor, 37);
    ids.push(...page.items.map((e) => e.id));
    cursor = page.nextCursor;
  } while (cursor);
  return { ids, count: q.count(filter), facets: q.facets(filter), histogram: q.histogram(filter, 24) };
}

describe('the event log inbox', () => {
  it('finds, pages, counts and charts rows still in the inbox exactly as indexed ones', async () => {
    const path = await indexedLog();
    const db = new Database(path);
    const q = new EventQueries(db);
    const before = FILTERS.map((f) => everything(q, f));
    expect(before.every((r) => r.ids.length > 0 && r.count === r.ids.length)).toBe(true);
    const medianKey = db.prepare('SELECT key FROM events ORDER BY key LIMIT 1 OFFSET ?').pluck().get(COUNT / 2) as number;
    expect(moveBackToInbox(db, medianKey)).toBe(COUNT / 2);
    expect(db.prepare('SELECT count(*) FROM events_inbox').pluck().get()).toBe(COUNT / 2);
    expect(FILTERS.map((f) => everything(q, f))).toEqual(before);
    db.close();

    // Opened by the app: the writer moves them back and lists them for full-text search.
    const log = h.open({ clock: clockAt(NOW) });
    await log.indexNow();
    expect(log.stats()).toMatchObject({ inbox: 0, searchIndexPending: 0 });
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM events').pluck().get()).toBe(COUNT);
    expect(check.prepare("SELECT count(*) FROM events_fts WHERE events_fts MATCH '\"BIND stopped\"'").pluck().get()).toBe(COUNT / 5);
    expect(FILTERS.map((f) => everything(new EventQueries(check), f))).toEqual(before);
    check.close();
  });

  it('drops at promotion a derived event the log already holds, and re-keys a row whose key another process took', () => {
    const db = new Database(join(h.dir, 'unit.db'));
    migrate(db);
    const statements = new WriteStatements(db);
    const promoter = new InboxPromoter(db, (key) => statements.rekey(key));
    const derived = { ...sampleEvent(2, { startMs: START }), derived: true };
    const live = { ...sampleEvent(1, { startMs: START }), derived: false };
    db.transaction(() => statements.insertEvents(packEvents([derived, live]), 0, 2))();
    statements.settle(true);
    expect(db.transaction(() => promoter.step(100))()).toEqual({ moved: 2, dropped: 0 });
    const [stored] = db.prepare('SELECT key, dedup_hash FROM events WHERE id = ?').all(derived.id) as { key: number; dedup_hash: number }[];
    const liveKey = db.prepare('SELECT key FROM events WHERE id = ?').pluck().get(live.id) as number;
    // What a second writer could leave in the inbox: a copy of the derived change (its window never
    // saw ours) and a live event under a key ours already took in the log.
    const insert = db.prepare(`INSERT INTO events_inbox(${COLUMNS}) SELECT ?, ?, server_id, type, category, severity, received_ms, title, summary, data, derived, dedup_key, dedup_hash FROM events WHERE id = ?`);
    insert.run(stored!.key + 1, 'copy-of-derived', derived.id);
    insert.run(liveKey, 'theirs', live.id);
    expect(db.transaction(() => promoter.step(100))()).toEqual({ moved: 2, dropped: 1 });
    const ids = db.prepare('SELECT id, key FROM events ORDER BY key').all() as { id: string; key: number }[];
    expect(ids.map((r) => r.id).sort()).toEqual([derived.id, live.id, 'theirs'].sort());
    const theirs = ids.find((r) => r.id === 'theirs')!.key;
    expect(Math.floor(theirs / 1024)).toBe(Math.floor(liveKey / 1024)); // same millisecond, next slot
    expect(db.prepare('SELECT count(*) FROM fts_pending WHERE key = ?').pluck().get(theirs)).toBe(1);
    expect(db.prepare('SELECT count(*) FROM events_inbox').pluck().get()).toBe(0);
    db.close();
  });

  for (const where of ['in the indexed table', 'still in the inbox'] as const) {
    it(`refuses at insert a derived event stored before a restart (${where}), though newer events filled the recent window`, () => {
      const db = new Database(join(h.dir, 'unit.db'));
      migrate(db);
      const before = new WriteStatements(db);
      const change = { ...sampleEvent(3, { startMs: START }), derived: true };
      const liveAfter = sampleEvents(5, { startMs: START + 60_000, prefix: 'later' }).map((e) => ({ ...e, derived: false }));
      db.transaction(() => before.insertEvents(packEvents([change, ...liveAfter]), 0, 6))();
      before.settle(true);
      if (where === 'in the indexed table') db.transaction(() => new InboxPromoter(db, (k) => before.rekey(k)).step(100))();
      // After the restart: a recent window too small to hold the change, as after a storm.
      const after = new WriteStatements(db, { recent: 2, derived: 100 });
      const again = [{ ...change, id: 're-derived' }, { ...change, id: 'next-change', dedupKey: `${change.dedupKey}:next` }];
      expect(db.transaction(() => after.insertEvents(packEvents(again), 0, 2))()).toEqual([0]);
      after.settle(true);
      expect(db.prepare('SELECT id FROM all_events WHERE derived = 1 ORDER BY key').pluck().all()).toEqual([change.id, 'next-change']);
      db.close();
    });
  }

  it('counts the inbox against the size bound: a burst that has not been moved yet still takes space', () => {
    const db = new Database(join(h.dir, 'unit.db'));
    db.pragma('auto_vacuum = INCREMENTAL');
    migrate(db);
    const statements = new WriteStatements(db);
    const rows = packEvents(sampleEvents(4000, { startMs: START, stepMs: 1000 }));
    db.transaction(() => statements.insertEvents(rows, 0, 4000))();
    statements.settle(true);
    // The older half indexed, the newer half still in the inbox.
    db.transaction(() => new InboxPromoter(db, (k) => statements.rekey(k)).step(2000))();
    const used = usedBytes(db);
    const retention = new Retention(db, { maxAgeDays: 3650, maxBytes: Math.floor(used / 2) }, { clock: clockAt(NOW), logger: nullLogger, canWrite: () => true }, { intervalMs: 60_000, batchRows: 500, busyDelayMs: 0 });
    while (retention.tick());
    // Half the rows over the bound, planned to 90% of it: ~2,200 of 4,000 go, all of them from the indexed (older) half.
    const left = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    expect(left).toBeLessThan(100);
    expect(db.prepare('SELECT count(*) FROM events_inbox').pluck().get()).toBe(2000);
    db.close();
  });

  it('keeps the inbox at its bound by moving a chunk out for each chunk committed', () => {
    const db = new Database(join(h.dir, 'unit.db'));
    db.pragma('journal_mode = WAL');
    migrate(db);
    const replies: FromWriter[] = [];
    const core = new WriterCore(db, { clock: systemClock, logger: nullLogger, reply: (m) => replies.push(m) }, {
      path: db.name,
      budgetMs: 1000,
      batchMax: 100,
      retention: { maxAgeDays: 3650, maxBytes: 1024 ** 3 },
      applyRetention: false,
      retentionIntervalMs: 60_000,
      retentionBatchRows: 500,
      inboxMax: 250,
    });
    // One batch is committed synchronously, chunk by chunk; moving rows while idle comes later.
    core.handle({ t: 'batch', seq: 1, now: NOW, rows: packEvents(sampleEvents(2000, { startMs: START })), alerts: [], rollups: [] });
    const stats = core.coreStats();
    expect(stats.committed).toBe(2000);
    // Chunks grow from 100 rows as they prove fast; the inbox ends within one chunk of its bound.
    expect(stats.inbox).toBeGreaterThanOrEqual(250);
    expect(stats.inbox).toBeLessThan(1000);
    expect(stats.promoted).toBe(2000 - stats.inbox);
    expect(db.prepare('SELECT count(*) FROM events_inbox').pluck().get()).toBe(stats.inbox);
    expect(replies.filter((m) => m.t === 'failed')).toEqual([]);
    core.handle({ t: 'close', id: 1, now: NOW });
    db.close();
  });
});
