/**
 * The write side's SQL: inserting events (with time-ordered keys), gaps, alerts and metric rollups.
 *
 * Events arrive packed (packedRows.ts) and are committed into the inbox (migration 5), a table with
 * no index but its key; InboxPromoter moves them into the indexed `events` table right after. The
 * insert itself is kept small: multi-row INSERTs of GROUP rows (one statement per row cost ~2.5 µs
 * more), no per-event key query (KeySlots), and de-duplication by windows of hashes, not queries.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Alert } from '../../../shared/domain/alert';
import { DERIVED } from '../../../shared/domain/eventTypes';
import { HashWindow } from '../util/HashWindow';
import { DAY_KEYS, KEY_SLOTS, MAX_KEY_MS, msToKey, SKEW_AHEAD_MS, STORED_COLUMNS } from './eventRows';
import { KeySlots } from './KeySlots';
import { QueryRollupRows } from '../analytics/queryRollupRows';
import type { QueryRollupDelta } from '../analytics/QueryRollups';
import { F, ROW_FIELDS, type PackedRows } from './packedRows';

export interface RollupDelta {
  serverId: string;
  name: string;
  /** Bucket width in ms (60_000 or 3_600_000). */
  resolution: number;
  bucketMs: number;
  sum: number;
  min: number;
  max: number;
  count: number;
}

const WIDTH = STORED_COLUMNS.split(', ').length;
/** Rows per multi-row INSERT: 750 parameters, well inside SQLite's limit. */
const GROUP = 50;
/**
 * Events remembered by hash. Servers never replay, so a live duplicate is a frame seen twice
 * within seconds (two legacy sockets, a reconnect); the window is seeded from the newest rows at
 * start so a restart does not forget it either.
 */
const RECENT_WINDOW = 100_000;
/**
 * Derived events remembered by hash, apart: they are re-derived after every restart, perhaps long
 * after they were stored, and a storm of live events would push them out of the recent window in
 * seconds. Seeded from the derived unique index (newest days first), which covers months of a real
 * fleet's changes; an older copy is still refused by that index when it leaves the inbox, only
 * after it was announced. A lookup in the index per derived event instead cost ~1 µs each.
 */
const DERIVED_WINDOW = 100_000;

export class WriteStatements {
  private readonly insertGroup: Statement;
  private readonly insertOne: Statement;
  private readonly keysPresent: Statement;
  private readonly insertGap: Statement;
  private readonly upsertAlert: Statement;
  private readonly upsertRollup: Statement;
  private readonly queryRollups: QueryRollupRows;
  private readonly keys: KeySlots;
  /** Admissions are journaled per transaction: a failed one is retried, and must not find its own rows "seen". */
  private readonly recent: HashWindow;
  private readonly derivedSeen: HashWindow;
  /** Built packed (not `new Array(n)`, which is holey): better-sqlite3 reads every element on each run. */
  private readonly group: unknown[] = Array.from({ length: GROUP * WIDTH }, () => null);

  constructor(
    private readonly db: Database,
    windows: { recent: number; derived: number } = { recent: RECENT_WINDOW, derived: DERIVED_WINDOW },
    now: number = Date.now(),
  ) {
    this.recent = new HashWindow(windows.recent);
    this.derivedSeen = new HashWindow(windows.derived);
    const values = `(${Array(WIDTH).fill('?').join(',')})`;
    // OR IGNORE: a key another process took in between (see flushGroup).
    this.insertGroup = db.prepare(`INSERT OR IGNORE INTO events_inbox(${STORED_COLUMNS}) VALUES ${Array(GROUP).fill(values).join(',')}`);
    this.insertOne = db.prepare(`INSERT OR IGNORE INTO events_inbox(${STORED_COLUMNS}) VALUES ${values}`);
    this.keysPresent = db.prepare('SELECT key, id FROM events_inbox WHERE key IN (SELECT value FROM json_each(?))');
    this.insertGap = db.prepare('INSERT OR REPLACE INTO connection_gaps(server_id, from_ms, to_ms) VALUES (?, ?, ?)');
    this.upsertAlert = db.prepare(
      `INSERT OR REPLACE INTO alerts(id, server_id, key, rule, severity, title, detail, status, raised_at, last_seen_at, resolved_at, ack_by, ack_at, ack_note, snoozed_until, event_id, count)
       VALUES (@id, @serverId, @key, @rule, @severity, @title, @detail, @status, @raisedAt, @lastSeenAt, @resolvedAt, @ackBy, @ackAt, @ackNote, @snoozedUntil, @eventId, @count)`,
    );
    this.upsertRollup = db.prepare(
      `INSERT INTO metric_rollups(server_id, name, resolution, bucket_ms, sum, min, max, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET sum = sum + excluded.sum, min = min(min, excluded.min), max = max(max, excluded.max), count = count + excluded.count`,
    );
    this.queryRollups = new QueryRollupRows(db);
    // Keys are unique across both tables: ask each (max() over the view would scan it).
    const maxKeyIn = db
      .prepare('SELECT max(coalesce((SELECT max(key) FROM events WHERE key >= ? AND key < ?), -1), coalesce((SELECT max(key) FROM events_inbox WHERE key >= ? AND key < ?), -1))')
      .pluck();
    const maxKey = (from: number, to: number) => {
      const k = maxKeyIn.get(from, to, from, to) as number;
      return k < 0 ? null : k;
    };
    // Rows dated beyond now + SKEW_AHEAD_MS (written before version 6 stored such times at receipt)
    // are left out: counting them would make KeySlots ask SQLite for every millisecond below them.
    this.keys = new KeySlots(maxKey(0, msToKey(Math.min(now + SKEW_AHEAD_MS, MAX_KEY_MS))), maxKey);
    const seed = (window: HashWindow, sql: string) => {
      const hashes = db.prepare(sql).pluck().all(window.capacity) as number[];
      for (let i = hashes.length - 1; i >= 0; i--) window.admit(hashes[i]!);
    };
    seed(this.recent, 'SELECT dedup_hash FROM all_events ORDER BY key DESC LIMIT ?');
    // The expression of the unique index (migration 4): SQLite reads the index alone, newest days first.
    seed(this.derivedSeen, `SELECT dedup_hash FROM events WHERE derived = 1 ORDER BY key / ${DAY_KEYS} DESC LIMIT ?`);
    // Derived rows still in the inbox (a scan of it; it is small unless a burst was cut short).
    for (const hash of db.prepare('SELECT dedup_hash FROM events_inbox WHERE derived = 1').pluck().iterate() as Iterable<number>) this.derivedSeen.admit(hash);
  }

  /**
   * Inserts rows [from, to) of a packed batch into the inbox inside the caller's transaction;
   * returns the indexes (within the batch) of the duplicates that were not stored.
   */
  insertEvents(rows: PackedRows, from: number, to: number): number[] {
    const duplicates: number[] = [];
    /** Batch index and key of each row in the current group. */
    const members: number[] = [];
    this.recent.begin();
    this.derivedSeen.begin();
    const flushGroup = () => {
      const n = members.length / 2;
      if (n === 0) return;
      let changes = 0;
      if (n === GROUP) changes = this.insertGroup.run(this.group).changes;
      else for (let g = 0; g < n; g++) changes += this.insertOne.run(this.group.slice(g * WIDTH, (g + 1) * WIDTH)).changes;
      // An ignored row is a derived event already stored, or (another process writing to the
      // same log) a key that process took: those rows are inserted again with a key SQLite confirms.
      const stored = changes === n ? null : this.storedIds(members);
      for (let k = 0; k < members.length; k += 2) {
        const i = members[k]!;
        const o = i * ROW_FIELDS;
        let key: number | null = members[k + 1]!;
        const id = stored?.get(key);
        if (stored && id === undefined) key = null;
        else if (stored && id !== rows[o + F.id]) key = this.reinsert(rows, o);
        if (key === null) {
          duplicates.push(i);
          continue;
        }
        if (rows[o + F.type] === DERIVED.connectionGap) this.recordGap(rows, o);
      }
      members.length = 0;
    };
    for (let i = from; i < to; i++) {
      const o = i * ROW_FIELDS;
      const hash = rows[o + F.dedupHash] as number;
      const ms = rows[o + F.occurredMs] as number;
      if (!this.recent.admit(hash) || (rows[o + F.derived] === 1 && !this.derivedSeen.admit(hash))) {
        duplicates.push(i);
        continue;
      }
      const key = this.keys.take(ms);
      this.fill(this.group, (members.length / 2) * WIDTH, rows, o, key);
      members.push(i, key);
      if (members.length === GROUP * 2) flushGroup();
    }
    flushGroup();
    return duplicates;
  }

  /** key -> id of the rows of a group that are in the table now. */
  private storedIds(members: number[]): Map<number, string> {
    const keys = members.filter((_, k) => k % 2 === 1);
    const found = this.keysPresent.all(JSON.stringify(keys)) as { key: number; id: string }[];
    return new Map(found.map((r) => [r.key, r.id]));
  }

  /** A row whose key another writer took: its new key (asked of SQLite), or null if it is a duplicate. */
  private reinsert(rows: PackedRows, o: number): number | null {
    this.keys.distrust();
    const key = this.keys.take(rows[o + F.occurredMs] as number);
    const params = new Array<unknown>(WIDTH);
    this.fill(params, 0, rows, o, key);
    return this.insertOne.run(params).changes === 0 ? null : key;
  }

  /** Key slots asked of SQLite: after another process wrote to the log, or for late events. */
  get keyLookups(): number {
    return this.keys.lookups;
  }

  /** After the transaction of insertEvents: its rows are remembered only if it committed. */
  settle(committed: boolean): void {
    for (const window of [this.recent, this.derivedSeen]) {
      if (committed) window.commit();
      else window.rollback();
    }
  }

  /**
   * A new key for a row whose key another process took in `events` (found at promotion). From
   * now on every millisecond's slots are asked of SQLite (KeySlots.distrust).
   */
  rekey(key: number): number {
    this.keys.distrust();
    return this.keys.take(Math.floor(key / KEY_SLOTS));
  }

  upsertAlerts(alerts: Iterable<Alert>): void {
    for (const a of alerts) {
      this.upsertAlert.run({ ...a, ackBy: a.ack?.by ?? null, ackAt: a.ack?.at ?? null, ackNote: a.ack?.note ?? null });
    }
  }

  upsertRollups(deltas: Iterable<RollupDelta>): void {
    for (const d of deltas) this.upsertRollup.run(d.serverId, d.name, d.resolution, d.bucketMs, d.sum, d.min, d.max, d.count);
  }

  upsertQueryRollups(deltas: Iterable<QueryRollupDelta>): void {
    this.queryRollups.merge(deltas);
  }

  /** One row's column values (packEvents masked and capped them: nothing reaches the disk unmasked). */
  private fill(out: unknown[], at: number, rows: PackedRows, o: number, key: number): void {
    out[at] = key;
    out[at + 1] = rows[o + F.id];
    out[at + 2] = rows[o + F.serverId];
    out[at + 3] = rows[o + F.type];
    out[at + 4] = rows[o + F.category];
    out[at + 5] = rows[o + F.severity];
    out[at + 6] = rows[o + F.receivedMs];
    out[at + 7] = rows[o + F.title];
    out[at + 8] = rows[o + F.summary];
    out[at + 9] = rows[o + F.data];
    out[at + 10] = rows[o + F.derived];
    out[at + 11] = rows[o + F.dedupKey];
    out[at + 12] = rows[o + F.dedupHash];
    out[at + 13] = rows[o + F.telemetry];
    out[at + 14] = rows[o + F.claimedAt];
  }

  private recordGap(rows: PackedRows, o: number): void {
    let d: { from?: unknown; to?: unknown } | null;
    try {
      d = JSON.parse(rows[o + F.data] as string) as { from?: unknown; to?: unknown } | null;
    } catch {
      return;
    }
    const from = typeof d?.from === 'string' ? Date.parse(d.from) : NaN;
    const to = typeof d?.to === 'string' ? Date.parse(d.to) : NaN;
    if (Number.isFinite(from) && Number.isFinite(to)) this.insertGap.run(rows[o + F.serverId], from, to);
  }
}
