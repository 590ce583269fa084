/**
 * The write side's SQL: inserting events (with time-ordered keys), gaps, alerts and metric rollups.
 *
 * Events arrive packed (packedRows.ts). Measured on a 1,000,000-row log, a row's insert with its
 * secondary indexes costs ~8 µs; the rest is kept small: multi-row INSERTs of GROUP rows (one
 * statement per row cost ~2.5 µs more), no per-event key query (KeySlots), and de-duplication
 * that needs no random-order index for live events (LIVE_WINDOW).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Alert } from '../../../shared/domain/alert';
import { DERIVED } from '../../../shared/domain/eventTypes';
import { redactString } from '../util/redact';
import { isoToMs } from '../util/isoTime';
import { dedupHash, HashWindow } from '../util/HashWindow';
import { capData, occurredMs } from './eventRows';
import { KeySlots } from './KeySlots';
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

const COLUMNS = 'key, id, server_id, type, category, severity, received_ms, title, summary, data, derived, dedup_key, dedup_hash';
const WIDTH = 13;
/** Rows per multi-row INSERT: 650 parameters, well inside SQLite's limit. */
const GROUP = 50;
/**
 * Live events remembered by hash. Servers never replay, so a live duplicate is a frame seen
 * twice within seconds (two legacy sockets, a reconnect); the window is seeded from the newest
 * rows at start so a restart does not forget it either.
 */
const LIVE_WINDOW = 100_000;

export class WriteStatements {
  private readonly insertGroup: Statement;
  private readonly insertOne: Statement;
  private readonly keysPresent: Statement;
  private readonly insertGap: Statement;
  private readonly markPending: Statement;
  private readonly upsertAlert: Statement;
  private readonly upsertRollup: Statement;
  private readonly keys: KeySlots;
  /** Admissions are journaled per transaction: a failed one is retried, and must not find its own rows "seen". */
  private readonly recentLive = new HashWindow(LIVE_WINDOW);
  /** Built packed (not `new Array(n)`, which is holey): better-sqlite3 reads every element on each run. */
  private readonly group: unknown[] = Array.from({ length: GROUP * WIDTH }, () => null);

  constructor(private readonly db: Database) {
    const values = `(${Array(WIDTH).fill('?').join(',')})`;
    // Derived events are re-derived after every restart: the partial unique index on their hash
    // (migration 4) is what keeps the same change from being stored twice; OR IGNORE skips it.
    this.insertGroup = db.prepare(`INSERT OR IGNORE INTO events(${COLUMNS}) VALUES ${Array(GROUP).fill(values).join(',')}`);
    this.insertOne = db.prepare(`INSERT OR IGNORE INTO events(${COLUMNS}) VALUES ${values}`);
    this.keysPresent = db.prepare('SELECT key, id FROM events WHERE key IN (SELECT value FROM json_each(?))');
    this.markPending = db.prepare('INSERT OR IGNORE INTO fts_pending(key) SELECT value FROM json_each(?)');
    this.insertGap = db.prepare('INSERT OR REPLACE INTO connection_gaps(server_id, from_ms, to_ms) VALUES (?, ?, ?)');
    this.upsertAlert = db.prepare(
      `INSERT OR REPLACE INTO alerts(id, server_id, key, rule, severity, title, detail, status, raised_at, last_seen_at, resolved_at, ack_by, ack_at, ack_note, snoozed_until, event_id, count)
       VALUES (@id, @serverId, @key, @rule, @severity, @title, @detail, @status, @raisedAt, @lastSeenAt, @resolvedAt, @ackBy, @ackAt, @ackNote, @snoozedUntil, @eventId, @count)`,
    );
    this.upsertRollup = db.prepare(
      `INSERT INTO metric_rollups(server_id, name, resolution, bucket_ms, sum, min, max, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET sum = sum + excluded.sum, min = min(min, excluded.min), max = max(max, excluded.max), count = count + excluded.count`,
    );
    const maxKeyIn = db.prepare('SELECT max(key) FROM events WHERE key >= ? AND key < ?').pluck();
    this.keys = new KeySlots(
      db.prepare('SELECT max(key) FROM events').pluck().get() as number | null,
      (from, to) => maxKeyIn.get(from, to) as number | null,
    );
    const recent = db
      .prepare('SELECT dedup_hash FROM events WHERE derived = 0 ORDER BY key DESC LIMIT ?')
      .pluck()
      .all(LIVE_WINDOW) as number[];
    for (let i = recent.length - 1; i >= 0; i--) this.recentLive.admit(recent[i]!);
  }

  /**
   * Inserts rows [from, to) of a packed batch inside the caller's transaction; returns the
   * indexes (within the batch) of the duplicates that were not stored.
   */
  insertEvents(rows: PackedRows, from: number, to: number): number[] {
    const duplicates: number[] = [];
    const inserted: number[] = [];
    /** Batch index and key of each row in the current group. */
    const members: number[] = [];
    this.recentLive.begin();
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
        inserted.push(key);
        if (rows[o + F.type] === DERIVED.connectionGap) this.recordGap(rows, o);
      }
      members.length = 0;
    };
    for (let i = from; i < to; i++) {
      const o = i * ROW_FIELDS;
      const hash = dedupHash(rows[o + F.dedupKey] as string);
      if (rows[o + F.derived] !== 1 && !this.recentLive.admit(hash)) {
        duplicates.push(i);
        continue;
      }
      const key = this.keys.take(occurredMs(rows[o + F.occurredAt] as string, rows[o + F.receivedAt] as string));
      this.fill(this.group, (members.length / 2) * WIDTH, rows, o, key, hash);
      members.push(i, key);
      if (members.length === GROUP * 2) flushGroup();
    }
    flushGroup();
    if (inserted.length > 0) this.markPending.run(JSON.stringify(inserted));
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
    const key = this.keys.take(occurredMs(rows[o + F.occurredAt] as string, rows[o + F.receivedAt] as string));
    const params = new Array<unknown>(WIDTH);
    this.fill(params, 0, rows, o, key, dedupHash(rows[o + F.dedupKey] as string));
    return this.insertOne.run(params).changes === 0 ? null : key;
  }

  /** After the transaction of insertEvents: its live rows are remembered only if it committed. */
  settle(committed: boolean): void {
    if (committed) this.recentLive.commit();
    else this.recentLive.rollback();
  }

  upsertAlerts(alerts: Iterable<Alert>): void {
    for (const a of alerts) {
      this.upsertAlert.run({ ...a, ackBy: a.ack?.by ?? null, ackAt: a.ack?.at ?? null, ackNote: a.ack?.note ?? null });
    }
  }

  upsertRollups(deltas: Iterable<RollupDelta>): void {
    for (const d of deltas) this.upsertRollup.run(d.serverId, d.name, d.resolution, d.bucketMs, d.sum, d.min, d.max, d.count);
  }

  /** One row's column values, redacted and capped: nothing reaches the disk unmasked. */
  private fill(out: unknown[], at: number, rows: PackedRows, o: number, key: number, hash: number): void {
    const received = isoToMs(rows[o + F.receivedAt] as string);
    out[at] = key;
    out[at + 1] = rows[o + F.id];
    out[at + 2] = rows[o + F.serverId];
    out[at + 3] = rows[o + F.type];
    out[at + 4] = rows[o + F.category];
    out[at + 5] = rows[o + F.severity];
    out[at + 6] = Number.isFinite(received) ? received : 0;
    out[at + 7] = redactString(rows[o + F.title] as string);
    out[at + 8] = redactString(rows[o + F.summary] as string);
    out[at + 9] = capData(rows[o + F.data] as string);
    out[at + 10] = rows[o + F.derived];
    out[at + 11] = rows[o + F.dedupKey];
    out[at + 12] = hash;
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
