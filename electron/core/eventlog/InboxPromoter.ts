/**
 * Moves committed rows from the inbox (migration 5) into the indexed `events` table, oldest
 * first, a budget-sized chunk per transaction, and lists them for full-text indexing
 * (FtsIndexer). The writer runs it whenever no batch is waiting, so outside a burst the inbox
 * holds at most a batch or two; in a burst it grows, up to a bound the writer enforces.
 *
 * A row is refused by `events` for one of two reasons: it is a derived event already stored (the
 * unique index of migration 4: it is dropped), or another process writing to the same log took
 * its key in `events` (it gets a new key and goes in).
 */
import type { Database, Statement } from 'better-sqlite3';
import { STORED_COLUMNS } from './eventRows';

export interface PromotionStep {
  /** Rows taken out of the inbox. */
  moved: number;
  /** Of those, derived events `events` already held. */
  dropped: number;
}

export class InboxPromoter {
  private readonly upTo: Statement;
  private readonly promote: Statement;
  private readonly markAll: Statement;
  private readonly clear: Statement;
  private readonly takenElsewhere: Statement;
  private readonly insertRekeyed: Statement;
  private readonly markLanded: Statement;
  private readonly markOne: Statement;
  private readonly countInbox: Statement;

  constructor(
    db: Database,
    /** A fresh key for a row whose key another process took (WriteStatements.rekey). */
    private readonly rekey: (key: number) => number,
  ) {
    this.upTo = db.prepare('SELECT max(key), count(*) FROM (SELECT key FROM events_inbox ORDER BY key LIMIT ?)').raw();
    this.promote = db.prepare(`INSERT OR IGNORE INTO events(${STORED_COLUMNS}) SELECT ${STORED_COLUMNS} FROM events_inbox WHERE key <= ?`);
    this.markAll = db.prepare('INSERT OR IGNORE INTO fts_pending(key) SELECT key FROM events_inbox WHERE key <= ?');
    this.clear = db.prepare('DELETE FROM events_inbox WHERE key <= ?');
    this.takenElsewhere = db.prepare(
      `SELECT ${STORED_COLUMNS.split(', ')
        .map((c) => `i.${c}`)
        .join(', ')} FROM events_inbox i JOIN events e ON e.key = i.key WHERE i.key <= ? AND e.id <> i.id`,
    );
    this.insertRekeyed = db.prepare(`INSERT OR IGNORE INTO events(${STORED_COLUMNS}) VALUES (${STORED_COLUMNS.split(', ').map((c) => `@${c}`).join(', ')})`);
    this.markLanded = db.prepare('INSERT OR IGNORE INTO fts_pending(key) SELECT i.key FROM events_inbox i JOIN events e ON e.key = i.key AND e.id = i.id WHERE i.key <= ?');
    this.markOne = db.prepare('INSERT OR IGNORE INTO fts_pending(key) VALUES (?)');
    this.countInbox = db.prepare('SELECT count(*) FROM events_inbox').pluck();
  }

  /** Rows waiting in the inbox (a scan of it: call at start-up, then keep count). */
  count(): number {
    return this.countInbox.get() as number;
  }

  /** Moves up to `limit` of the oldest inbox rows, in the caller's transaction. */
  step(limit: number): PromotionStep {
    const [hi, moved] = this.upTo.get(Math.max(1, Math.floor(limit))) as [number | null, number];
    if (hi === null) return { moved: 0, dropped: 0 };
    const inserted = this.promote.run(hi).changes;
    if (inserted === moved) {
      this.markAll.run(hi);
      this.clear.run(hi);
      return { moved, dropped: 0 };
    }
    // Rare: a derived copy, or keys another process took. Those rows are inserted again with new keys.
    let rekeyed = 0;
    for (const row of this.takenElsewhere.all(hi) as Record<string, unknown>[]) {
      const key = this.rekey(row.key as number);
      if (this.insertRekeyed.run({ ...row, key }).changes === 1) {
        rekeyed++;
        this.markOne.run(key);
      }
    }
    this.markLanded.run(hi);
    this.clear.run(hi);
    return { moved, dropped: moved - inserted - rekeyed };
  }
}
