/** The write side's SQL: inserting events (with time-ordered keys), gaps, alerts and metric rollups. */
import type { Database, Statement } from 'better-sqlite3';
import type { Alert } from '../../../shared/domain/alert';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { DERIVED } from '../../../shared/domain/eventTypes';
import { KEY_SLOTS, msToKey, occurredMs, toRow } from './eventRows';

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

export class WriteStatements {
  private readonly insertEvent: Statement;
  private readonly maxKeyIn: Statement;
  private readonly insertGap: Statement;
  private readonly markPending: Statement;
  private readonly upsertAlert: Statement;
  private readonly upsertRollup: Statement;
  /** Highest key in the table (or assigned in this session): later events skip the slot lookup. */
  private maxKey: number;

  constructor(private readonly db: Database) {
    this.insertEvent = db.prepare(
      `INSERT OR IGNORE INTO events(key, id, server_id, type, category, severity, received_ms, title, summary, data, derived, dedup_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.maxKeyIn = db.prepare('SELECT max(key) AS k FROM events WHERE key >= ? AND key < ?').pluck();
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
    this.maxKey = (db.prepare('SELECT max(key) FROM events').pluck().get() as number | null) ?? -1;
  }

  /** Inserts inside the caller's transaction; returns the events that were new (not duplicates). */
  insertEvents(events: readonly FleetEvent[]): FleetEvent[] {
    const inserted: FleetEvent[] = [];
    const keys: number[] = [];
    for (const e of events) {
      const ms = occurredMs(e);
      const key = this.freeKey(msToKey(ms));
      const r = toRow(e);
      const changes = this.insertEvent.run(key, r.id, r.server_id, r.type, r.category, r.severity, r.received_ms, r.title, r.summary, r.data, r.derived, r.dedup_key).changes;
      if (changes === 0) continue;
      if (key > this.maxKey) this.maxKey = key;
      inserted.push(e);
      keys.push(key);
      if (e.type === DERIVED.connectionGap) this.recordGap(e);
    }
    if (keys.length > 0) this.markPending.run(JSON.stringify(keys));
    return inserted;
  }

  upsertAlerts(alerts: Iterable<Alert>): void {
    for (const a of alerts) {
      this.upsertAlert.run({ ...a, ackBy: a.ack?.by ?? null, ackAt: a.ack?.at ?? null, ackNote: a.ack?.note ?? null });
    }
  }

  upsertRollups(deltas: Iterable<RollupDelta>): void {
    for (const d of deltas) this.upsertRollup.run(d.serverId, d.name, d.resolution, d.bucketMs, d.sum, d.min, d.max, d.count);
  }

  /** First free slot at or after `base` in its millisecond (spilling to the next ms if 1024 are taken). */
  private freeKey(base: number): number {
    let start = base;
    for (;;) {
      if (start > this.maxKey) return start;
      const taken = this.maxKeyIn.get(start, start + KEY_SLOTS) as number | null;
      if (taken === null) return start;
      if (taken + 1 < start + KEY_SLOTS) return taken + 1;
      start += KEY_SLOTS;
    }
  }

  private recordGap(e: FleetEvent): void {
    const d = e.data as { from?: unknown; to?: unknown } | null;
    const from = typeof d?.from === 'string' ? Date.parse(d.from) : NaN;
    const to = typeof d?.to === 'string' ? Date.parse(d.to) : NaN;
    if (Number.isFinite(from) && Number.isFinite(to)) this.insertGap.run(e.serverId, from, to);
  }
}
