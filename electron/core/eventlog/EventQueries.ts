/**
 * Read side of the event log: pages, facets, histogram and counts. Synchronous, index-driven.
 * Everything reads `all_events` (indexed rows and the inbox not yet moved into them, migration 5).
 */
import type { Database } from 'better-sqlite3';
import type { EventFacets, EventFilter, EventPage, Histogram } from '../../../shared/ipc/schemas';
import { categoryOf, fromRow, KEY_SLOTS, keyToMs, msToKey, severityOf, type EventRow } from './eventRows';
import { allOf, baseConditions, decodeCursor, encodeCursor, fieldConditions, filterConditions, likeConditions, searchOf } from './filterSql';
import { EventQueryError } from './searchQuery';
import { isCorrupt } from './damage';

export const MAX_PAGE = 1000;
type FacetDimension = 'servers' | 'categories' | 'severities' | 'types';
const COLUMNS = 'e.key, e.id, e.server_id, e.type, e.category, e.severity, e.received_ms, e.title, e.summary, e.data, e.derived, e.dedup_key, e.claimed_at';

export class EventQueries {
  constructor(
    private readonly db: Database,
    /** Told when a read meets damage (damage.ts), so that it shows in the log's health. */
    private readonly onCorrupt: (err: unknown) => void = () => undefined,
  ) {}

  /** Newest first; `cursor` from the previous page continues with older events. */
  query(filter: EventFilter, cursor: string | null, limit: number): EventPage {
    const rows = this.rows(filter, cursor === null ? undefined : decodeCursor(cursor), limit);
    const size = clampLimit(limit);
    const last = rows[size - 1];
    return { items: rows.slice(0, size).map(fromRow), nextCursor: rows.length > size && last ? encodeCursor(last.key) : null };
  }

  /** One page of raw rows (limit + 1 to know whether more exist). Used by query and export. */
  rows(filter: EventFilter, beforeKey: number | undefined, limit: number): EventRow[] {
    const n = clampLimit(limit) + 1;
    const search = searchOf(filter);
    const fields = fieldConditions(search);
    if (!search?.match) {
      const c = allOf(baseConditions(filter, { beforeKey }), fields);
      return this.run(() => this.db.prepare(`SELECT ${COLUMNS} FROM all_events e WHERE ${c.where} ORDER BY e.key DESC LIMIT ?`).all(...c.params, n) as EventRow[]);
    }
    // Indexed rows come from FTS5 in rowid (= time) order; the few not yet indexed (listed in
    // fts_pending, or still in the inbox) are matched by substring.
    // CROSS JOIN pins FTS5 as the outer loop: otherwise SQLite may walk a server index and probe
    // FTS5 once per row, which is ten times slower on a large log.
    const f = allOf(baseConditions(filter, { beforeKey, keyColumn: 'f.rowid' }), fields);
    const p = allOf(baseConditions(filter, { beforeKey, keyColumn: 'p.key' }), fields);
    const i = allOf(baseConditions(filter, { beforeKey }), fields);
    const like = likeConditions(search);
    const sql = `SELECT * FROM (SELECT ${COLUMNS} FROM events_fts f CROSS JOIN events e ON e.key = f.rowid
        WHERE events_fts MATCH ? AND ${f.where} ORDER BY f.rowid DESC LIMIT ?)
      UNION ALL SELECT * FROM (SELECT ${COLUMNS} FROM fts_pending p CROSS JOIN events e ON e.key = p.key
        WHERE ${like.where} AND ${p.where} ORDER BY p.key DESC LIMIT ?)
      UNION ALL SELECT * FROM (SELECT ${COLUMNS} FROM events_inbox e
        WHERE ${like.where} AND ${i.where} ORDER BY e.key DESC LIMIT ?)
      ORDER BY key DESC LIMIT ?`;
    const params = [search.match, ...f.params, n, ...like.params, ...p.params, n, ...like.params, ...i.params, n, n];
    return this.run(() => this.db.prepare(sql).all(...params) as EventRow[]);
  }

  /**
   * Every stored row, counted from the type index alone (and the inbox): when table pages are damaged
   * the index may still be whole, and it says how many rows an export could not read.
   */
  countFromIndex(): number {
    return this.db.prepare('SELECT (SELECT count(*) FROM events INDEXED BY events_type) + (SELECT count(*) FROM events_inbox)').pluck().get() as number;
  }

  count(filter: EventFilter): number {
    const c = filterConditions(filter);
    return this.run(() => this.db.prepare(`SELECT count(*) FROM all_events e WHERE ${c.where}`).pluck().get(...c.params) as number);
  }

  /**
   * Counts per value of each dimension. A dimension's counts respect every filter except its own
   * (so a chosen server still shows how many the others have); the total respects all of them and
   * is therefore the number of rows the same filter lists.
   */
  facets(filter: EventFilter): EventFacets {
    const group = (column: string, own: FacetDimension, label: (v: number | string) => string) => {
      const c = filterConditions({ ...filter, [own]: undefined });
      const rows = this.run(
        () => this.db.prepare(`SELECT ${column} AS v, count(*) AS n FROM all_events e WHERE ${c.where} GROUP BY ${column}`).all(...c.params) as { v: number | string; n: number }[],
      );
      return Object.fromEntries(rows.map((r) => [label(r.v), r.n]));
    };
    return {
      servers: group('e.server_id', 'servers', String),
      categories: group('e.category', 'categories', (v) => categoryOf(Number(v))),
      severities: group('e.severity', 'severities', (v) => severityOf(Number(v))),
      types: group('e.type', 'types', String),
      total: this.count(filter),
    };
  }

  /** Counts per time bucket over the filter's range (or the matching events' range). */
  histogram(filter: EventFilter, buckets: number): Histogram {
    const n = Math.max(1, Math.min(1000, Math.floor(buckets)));
    const range = this.range(filter);
    if (!range) return { bucketMs: 0, buckets: [] };
    const bucketMs = Math.max(1000, Math.ceil((range.end - range.start) / n));
    const c = filterConditions(filter);
    const rows = this.run(
      () =>
        this.db
          .prepare(`SELECT CAST(((e.key / ${KEY_SLOTS}) - ?) / ? AS INTEGER) AS b, count(*) AS n FROM all_events e WHERE ${c.where} AND e.key >= ? GROUP BY b`)
          .all(range.start, bucketMs, ...c.params, msToKey(range.start)) as { b: number; n: number }[],
    );
    const counts = new Map(rows.map((r) => [r.b, r.n]));
    const total = Math.max(1, Math.ceil((range.end - range.start) / bucketMs));
    return { bucketMs, buckets: Array.from({ length: total }, (_, i) => ({ t: range.start + i * bucketMs, count: counts.get(i) ?? 0 })) };
  }

  private range(filter: EventFilter): { start: number; end: number } | null {
    const since = filter.since ? Date.parse(filter.since) : undefined;
    const until = filter.until ? Date.parse(filter.until) : undefined;
    if (since !== undefined && until !== undefined) return until > since ? { start: since, end: until } : null;
    const c = filterConditions(filter);
    const r = this.run(() => this.db.prepare(`SELECT min(e.key) AS lo, max(e.key) AS hi FROM all_events e WHERE ${c.where}`).get(...c.params) as { lo: number | null; hi: number | null });
    if (r.lo === null || r.hi === null) return null;
    const start = since ?? keyToMs(r.lo);
    return { start, end: Math.max(until ?? keyToMs(r.hi) + 1, start + 1) };
  }

  /** An FTS5 syntax error can only come from a bug in searchQuery; report it as data, not a crash. */
  private run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (isCorrupt(err)) this.onCorrupt(err);
      const e = err as { code?: string; message?: string };
      if (e?.code === 'SQLITE_ERROR' && /fts5|MATCH/i.test(e.message ?? '')) throw new EventQueryError(`The search could not be understood: ${e.message}`);
      throw err;
    }
  }
}

export const clampLimit = (limit: number): number => Math.max(1, Math.min(MAX_PAGE, Math.floor(limit) || 50));
