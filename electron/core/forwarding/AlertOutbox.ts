/**
 * The persistent outbox of alert deliveries: one row per (target, alert transition), kept in its own
 * small SQLite file (`alert-outbox.db` in the data dir) so that nothing waiting for an endpoint is lost
 * across a restart. Its own file, not a table in events.db: the event log's writes run on a worker
 * thread behind a group-commit queue and its retention deletes old rows, while an undelivered alert must
 * stay until it is delivered; a separate file also keeps this out of the event log's migration chain.
 * Writes are rare (an alert transition, a delivery attempt) and synchronous.
 */
import Database, { type Database as Db } from 'better-sqlite3';
import { join } from 'node:path';

export type DeliveryState = 'pending' | 'delivered' | 'rejected';
export type Transition = 'firing' | 'resolved';

export interface OutboxEntry {
  seq: number;
  target: string;
  alertId: string;
  transition: Transition;
  body: string;
  state: DeliveryState;
  attempts: number;
  nextAt: number;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

const SCHEMA_VERSION = 1;
/** Delivered and rejected rows are kept this long for "what happened to this alert", then pruned. */
const KEEP_DONE_MS = 30 * 24 * 3600_000;

interface Row {
  seq: number;
  target: string;
  alert_id: string;
  transition: Transition;
  body: string;
  state: DeliveryState;
  attempts: number;
  next_at: number;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

const toEntry = (r: Row): OutboxEntry => ({
  seq: r.seq,
  target: r.target,
  alertId: r.alert_id,
  transition: r.transition,
  body: r.body,
  state: r.state,
  attempts: r.attempts,
  nextAt: r.next_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

export class AlertOutbox {
  private constructor(private readonly db: Db) {}

  static open(file: string): AlertOutbox {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`alert outbox ${file} has schema ${version}, newer than this app (${SCHEMA_VERSION})`);
    if (version < 1) {
      db.exec(`CREATE TABLE IF NOT EXISTS outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        target TEXT NOT NULL, alert_id TEXT NOT NULL, transition TEXT NOT NULL, body TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL,
        last_error TEXT, created_at INTEGER NOT NULL, delivered_at INTEGER, lease_until INTEGER,
        UNIQUE (target, alert_id, transition));
        CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (target, seq) WHERE state = 'pending';
        PRAGMA user_version = 1;`);
    }
    return new AlertOutbox(db);
  }

  static fileIn(dataDir: string): string {
    return join(dataDir, 'alert-outbox.db');
  }

  /** Queues a transition once: the same (target, alert, transition) is never queued twice. */
  enqueue(target: string, alertId: string, transition: Transition, body: string, now: number): boolean {
    const res = this.db
      .prepare('INSERT OR IGNORE INTO outbox (target, alert_id, transition, body, next_at, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(target, alertId, transition, body, now, now);
    return res.changes === 1;
  }

  /** The oldest pending entry of a target: deliveries to one target keep their order. */
  head(target: string): OutboxEntry | undefined {
    const row = this.db.prepare("SELECT * FROM outbox WHERE target = ? AND state = 'pending' ORDER BY seq LIMIT 1").get(target) as Row | undefined;
    return row ? toEntry(row) : undefined;
  }

  /**
   * Takes the entry for one delivery attempt. Another process on the same data dir (the desktop app and
   * a CLI monitor, say) may hold the same outbox: only the one that gets the lease sends, so no
   * entry goes out twice at once. False when someone else holds it or it is no longer pending.
   */
  lease(seq: number, now: number, ms: number): boolean {
    const res = this.db
      .prepare("UPDATE outbox SET lease_until = ? WHERE seq = ? AND state = 'pending' AND (lease_until IS NULL OR lease_until <= ?)")
      .run(now + ms, seq, now);
    return res.changes === 1;
  }

  markDelivered(seq: number, now: number): void {
    this.db.prepare("UPDATE outbox SET state = 'delivered', lease_until = NULL, delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE seq = ?").run(now, seq);
  }

  markRejected(seq: number, error: string): void {
    this.db.prepare("UPDATE outbox SET state = 'rejected', lease_until = NULL, attempts = attempts + 1, last_error = ? WHERE seq = ?").run(error, seq);
  }

  markFailed(seq: number, error: string, nextAt: number): void {
    this.db.prepare('UPDATE outbox SET attempts = attempts + 1, lease_until = NULL, last_error = ?, next_at = ? WHERE seq = ?').run(error, nextAt, seq);
  }

  /** Every delivery of one alert, to every target: what the UI and CLI show as its delivery state. */
  forAlert(alertId: string): OutboxEntry[] {
    return (this.db.prepare('SELECT * FROM outbox WHERE alert_id = ? ORDER BY seq').all(alertId) as Row[]).map(toEntry);
  }

  /** Newest first: the pending ones only, or every delivery kept. */
  recent(opts: { pendingOnly: boolean; limit: number }): OutboxEntry[] {
    const where = opts.pendingOnly ? "WHERE state = 'pending'" : '';
    return (this.db.prepare(`SELECT * FROM outbox ${where} ORDER BY seq DESC LIMIT ?`).all(opts.limit) as Row[]).map(toEntry);
  }

  pendingCount(target?: string): number {
    const sql = "SELECT count(*) AS n FROM outbox WHERE state = 'pending'" + (target === undefined ? '' : ' AND target = ?');
    const row = (target === undefined ? this.db.prepare(sql).get() : this.db.prepare(sql).get(target)) as { n: number };
    return row.n;
  }

  prune(now: number): void {
    this.db.prepare("DELETE FROM outbox WHERE state != 'pending' AND created_at < ?").run(now - KEEP_DONE_MS);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
