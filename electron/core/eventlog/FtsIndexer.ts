/**
 * Feeds rows listed in `fts_pending` into the FTS5 index a chunk at a time, behind the writer.
 * Each chunk is one short transaction sized to the event-loop budget. Commits come first: while
 * the writer is busy (a storm) indexing runs at a low duty cycle, one small chunk per
 * BUSY_PAUSE_MS and none while a batch waits to be committed (tokenising costs more than the
 * insert itself, and in the storm benchmark large chunks held commits back by up to 170 ms).
 * When writes calm down it catches up at full speed. Rows not yet indexed are still found by
 * search (substring match), only more slowly.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Clock, Logger } from '../platform';

/**
 * While the writer is busy: one chunk of BUSY_CHUNK rows per BUSY_PAUSE_MS, at most 1,000 rows/s,
 * far above a calm fleet's rate, so the index keeps up outside storms. In a storm it falls behind
 * and catches up afterwards. Each chunk is a transaction and a new FTS5 segment to merge later:
 * 200 rows every 100 ms cost about 35 µs a row and 7% of the core in the one-core storm; fewer,
 * larger chunks cost less per row.
 */
const BUSY_PAUSE_MS = 500;
const BUSY_CHUNK = 500;

export class FtsIndexer {
  private readonly pick: Statement;
  private readonly index: Statement;
  private readonly done: Statement;
  private readonly countPending: Statement;
  private running = false;
  private chunk = 500;
  private disposed = false;
  indexed = 0;
  maxChunkMs = 0;
  /** Time spent indexing, for the writer's stats. */
  totalMs = 0;

  constructor(
    private readonly db: Database,
    private readonly deps: {
      clock: Clock;
      logger: Logger;
      canWrite: () => boolean;
      writerBusy: () => boolean;
      batchWaiting: () => boolean;
      budgetMs: number;
      /** After each chunk: the index takes space too (it grows after a flood has ended). */
      indexed?: () => void;
      /** A chunk failed (damage is reported, not only logged). */
      failed?: (err: unknown) => void;
    },
  ) {
    this.pick = db.prepare('SELECT key FROM fts_pending ORDER BY key DESC LIMIT ?').pluck();
    this.index = db.prepare(
      `INSERT INTO events_fts(rowid, title, summary, data)
       SELECT key, title, summary, data FROM events WHERE key IN (SELECT value FROM json_each(?))`,
    );
    this.done = db.prepare('DELETE FROM fts_pending WHERE key IN (SELECT value FROM json_each(?))');
    this.countPending = db.prepare('SELECT count(*) FROM fts_pending').pluck();
  }

  get pending(): number {
    return this.countPending.get() as number;
  }

  /** Starts (or continues) catching up; returns at once. */
  kick(): void {
    if (this.running || this.disposed) return;
    this.running = true;
    void this.run().finally(() => (this.running = false));
  }

  /** Indexes everything pending now (tests, benchmark, before an export with a search). */
  async drain(): Promise<void> {
    while (!this.disposed && this.deps.canWrite() && this.step()) await new Promise<void>((r) => setImmediate(r));
  }

  dispose(): void {
    this.disposed = true;
  }

  /** Pauses before each chunk while commits are coming in: they share the writer's thread and go first. */
  private async run(): Promise<void> {
    let limit: number;
    do {
      if (this.deps.writerBusy()) {
        do await new Promise<void>((r) => this.deps.clock.setTimeout(r, BUSY_PAUSE_MS));
        while (!this.disposed && this.deps.batchWaiting());
        limit = BUSY_CHUNK;
      } else {
        await new Promise<void>((r) => setImmediate(r));
        limit = Infinity;
      }
    } while (!this.disposed && this.deps.canWrite() && this.step(limit));
  }

  /** One chunk, newest first (what operators search for). Returns true if more may be pending. */
  private step(limit = Infinity): boolean {
    const started = performance.now();
    let picked: number;
    try {
      // IMMEDIATE, as the writer's (WriterCore): it reads the pending keys before writing.
      picked = this.db
        .transaction(() => {
          const keys = JSON.stringify(this.pick.all(Math.min(limit, this.chunk)));
          this.index.run(keys);
          return this.done.run(keys).changes;
        })
        .immediate();
    } catch (err) {
      this.deps.logger.warn('full-text indexing paused after a failed write', { err });
      this.deps.failed?.(err);
      return false;
    }
    const ms = performance.now() - started;
    this.indexed += picked;
    if (picked > 0) this.deps.indexed?.();
    this.maxChunkMs = Math.max(this.maxChunkMs, ms);
    this.totalMs += ms;
    // A capped busy-time chunk says nothing about what fits the budget: keep the size as it is.
    if (picked < this.chunk && picked === limit) return true;
    if (ms > this.deps.budgetMs * 0.75) this.chunk = Math.max(20, Math.floor((picked * this.deps.budgetMs * 0.6) / ms));
    else if (ms < this.deps.budgetMs * 0.3) this.chunk = Math.min(5000, Math.ceil(this.chunk * 1.5));
    return picked > 0;
  }
}
