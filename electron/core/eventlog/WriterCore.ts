/**
 * The write side of the event log: inserts, alert and rollup upserts, promotion out of the inbox,
 * full-text indexing and retention on one connection. It runs in a worker thread (writerWorker.ts)
 * so that group commits use a second core and never hold the main event loop; as a fallback it
 * runs in-thread. Batches are committed in order, each in transactions sized to `budgetMs` (so
 * promotion, retention, indexing and close get their turn). Commits come first: rows go into the
 * inbox, and are moved into the indexed table when no batch is waiting (or, past INBOX_MAX, one
 * chunk moved for each chunk committed). A failed write (full disk) stops the line until the main
 * side says retry.
 */
import type { Database } from 'better-sqlite3';
import type { Clock, Logger } from '../platform';
import { deepCheck, isCorrupt } from './damage';
import { FtsIndexer } from './FtsIndexer';
import { InboxPromoter } from './InboxPromoter';
import { packedCount, telemetryStored } from './packedRows';
import { Retention } from './Retention';
import type { CoreStats, FromWriter, SyncRequest, ToWriter, WriterSetup } from './writerProtocol';
import { WriteStatements } from './writeStatements';

/**
 * A batch this recent means a storm may be on: background work (indexing) keeps to a low duty
 * cycle. Measured against batch arrivals, not commits: when the writer shares one core with the
 * main thread, commits come further apart in a storm, and a 150 ms window since the last commit
 * could read as "quiet" and start full-speed indexing on the core the storm needs.
 */
const STORM_QUIET_MS = 1000;
/** Largest transaction: big ones amortise index page writes, which dominate the cost per event. */
const MAX_CHUNK = 10_000;
/**
 * On the main thread (no worker) a transaction is a turn the whole app waits for: at most this
 * many rows, and the loop gets a turn between transactions.
 */
const IN_THREAD_MAX_CHUNK = 1_000;
/** The first in-thread transactions run cold (statements, pages): 1,000 rows took 106 ms; start small, grow to the budget. */
const IN_THREAD_FIRST_CHUNK = 200;
const INDEX_BUDGET_MS = 15;
/**
 * Rows the inbox may hold before each commit also moves as many rows out. Ten seconds of a
 * 100,000 events/s burst are absorbed at the inbox's rate; readers scan the inbox without an
 * index, ~0.13 µs a row, so a filter matching nothing there costs at most ~130 ms at the bound.
 */
export const INBOX_MAX = 1_000_000;

type Batch = Extract<ToWriter, { t: 'batch' }> & { offset?: number; extrasDone?: boolean };
const batchDone = (b: Batch): boolean => b.extrasDone === true && (b.offset ?? 0) >= packedCount(b.rows);

export interface WriterCoreDeps {
  clock: Clock;
  logger: Logger;
  reply: (m: FromWriter) => void;
  /** Runs on the main thread: commit one slice per turn of the event loop. */
  inThread?: boolean;
}

export class WriterCore {
  private readonly statements: WriteStatements;
  private readonly indexer: FtsIndexer;
  private readonly promoter: InboxPromoter;
  /** Rows in the inbox, counted at start and kept since. */
  private inbox: number;
  private promoting = false;
  private closed = false;
  private promoteChunk = 1000;
  private readonly retention: Retention;
  private readonly queue: Batch[] = [];
  private failed = false;
  private damageReported = false;
  private chunkSize: number;
  private lastBatchAt = -Infinity;
  /** In-thread: the next slice is scheduled; flush/index/close wait behind it, as they would in a worker. */
  private slicePending = false;
  private readonly held: ToWriter[] = [];
  private readonly maxChunk: number;
  private readonly stats = { committed: 0, duplicates: 0, batches: 0, maxBatchMs: 0, chunkSize: 0, commitMs: 0, promoted: 0, promoteMs: 0, maxPromoteMs: 0 };

  constructor(
    private readonly db: Database,
    private readonly deps: WriterCoreDeps,
    private readonly setup: WriterSetup,
  ) {
    this.statements = new WriteStatements(db, undefined, deps.clock.now());
    this.promoter = new InboxPromoter(db, (key) => this.statements.rekey(key));
    this.inbox = this.promoter.count();
    this.maxChunk = deps.inThread ? IN_THREAD_MAX_CHUNK : MAX_CHUNK;
    this.chunkSize = Math.min(setup.batchMax, deps.inThread ? IN_THREAD_FIRST_CHUNK : MAX_CHUNK);
    const canWrite = () => !this.failed;
    // Indexing chunks stay short whatever the commit budget: during a storm it runs one chunk per
    // pause, so its chunk length is its share of the writer thread, and commits come first.
    const indexBudgetMs = Math.min(setup.budgetMs, INDEX_BUDGET_MS);
    this.indexer = new FtsIndexer(db, { clock: deps.clock, logger: deps.logger, canWrite, writerBusy: () => this.busy, batchWaiting: () => this.queue.length > 0, budgetMs: indexBudgetMs, indexed: () => this.retention.grew(0, 0), failed: (err) => this.noteFailure(err) });
    this.retention = new Retention(
      db,
      setup.retention,
      { clock: deps.clock, logger: deps.logger, canWrite, failed: (err) => this.noteFailure(err) },
      { intervalMs: setup.retentionIntervalMs, batchRows: setup.retentionBatchRows, busyDelayMs: 50, budgetMs: Math.min(setup.budgetMs, 25) },
    );
    if (setup.applyRetention) this.retention.start();
    this.kickBackground();
  }

  private get busy(): boolean {
    return this.queue.length > 0 || performance.now() - this.lastBatchAt < STORM_QUIET_MS;
  }

  coreStats(): CoreStats {
    return { ...this.stats, keyLookups: this.statements.keyLookups, inbox: this.inbox, retentionDeleted: this.retention.deletedTotal, maxIndexChunkMs: this.indexer.maxChunkMs, indexMs: this.indexer.totalMs };
  }

  handle(msg: ToWriter): void {
    // In a worker these wait behind the batch being committed; in-thread that batch may be mid-way.
    if (this.slicePending && (msg.t === 'flush' || msg.t === 'index' || msg.t === 'close')) return void this.held.push(msg);
    switch (msg.t) {
      case 'batch':
        this.lastBatchAt = performance.now();
        this.queue.push(msg);
        return this.pump();
      case 'retry':
        this.failed = false;
        // On a nearly full disk the WAL is what fills it: fold it into the file and truncate it first.
        this.checkpoint();
        return this.pump();
      case 'setRetention':
        return this.retention.setPolicy(msg.policy);
      case 'check':
        return this.noteFailure(Object.assign(new Error(msg.message), { code: msg.code }));
      case 'flush':
        return this.deps.reply({ t: 'done', id: msg.id, stats: this.coreStats() });
      case 'index':
        void this.drainInbox()
          .then(() => this.indexer.drain())
          .then(() => this.deps.reply({ t: 'done', id: msg.id, stats: this.coreStats() }));
        return;
      case 'close':
        this.close();
        return this.deps.reply({ t: 'done', id: msg.id, stats: this.coreStats() });
    }
  }

  /**
   * A failed step of any kind: damage (SQLITE_CORRUPT) is reported once with a deeper check, so the
   * health line says so instead of only "full-text indexing paused". The check reads the whole file
   * (seconds at 500 MB), on this thread, once a session.
   */
  noteFailure(err: unknown): void {
    if (this.damageReported || !isCorrupt(err)) return;
    this.damageReported = true;
    const e = err as { code?: unknown; message?: unknown };
    this.deps.reply({ t: 'damaged', code: String(e?.code ?? 'SQLITE_CORRUPT'), message: String(e?.message ?? err), problems: deepCheck(this.db) });
  }

  call(req: SyncRequest): boolean {
    return req.t === 'retentionStep' ? this.retention.tick() : false;
  }

  private close(): void {
    this.closed = true;
    this.retention.dispose();
    this.indexer.dispose();
    this.checkpoint();
  }

  private checkpoint(): void {
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      /* a full disk may refuse the checkpoint; the WAL is replayed on next open */
    }
  }

  private pump(): void {
    if (this.slicePending) return;
    while (!this.failed && this.queue.length > 0) {
      const batch = this.queue[0]!;
      if (!this.commitBatch(batch, this.deps.inThread === true)) break;
      if (batchDone(batch)) this.queue.shift();
      if (this.deps.inThread && this.queue.length > 0) return this.nextSlice();
    }
    this.kickBackground();
    for (const msg of this.held.splice(0)) this.handle(msg);
  }

  /** In-thread: the rest after a turn of the event loop (sockets, timers, the page come first). */
  private nextSlice(): void {
    this.slicePending = true;
    setImmediate(() => {
      this.slicePending = false;
      this.pump();
    });
  }

  private kickBackground(): void {
    this.indexer.kick();
    if (this.promoting || this.inbox === 0) return;
    this.promoting = true;
    void this.promoteWhileIdle().finally(() => (this.promoting = false));
  }

  /** One chunk per turn of the thread's event loop, so a batch that arrives is committed first. */
  private async promoteWhileIdle(): Promise<void> {
    for (;;) {
      await new Promise<void>((r) => setImmediate(r));
      if (this.queue.length > 0 || this.failed || this.closed || this.inbox === 0) return;
      const err = this.promote(this.promoteChunk);
      // The next commit (or retry) finds out about the disk; the rows wait in the inbox meanwhile.
      if (err) {
        this.noteFailure(err);
        return this.deps.logger.warn('moving events out of the inbox paused after a failed write', { err });
      }
    }
  }

  /** Everything in the inbox into the indexed table (indexNow, the benchmark, tests). */
  private async drainInbox(): Promise<void> {
    while (this.inbox > 0 && !this.failed && !this.closed && this.promote(this.promoteChunk) === null) await new Promise<void>((r) => setImmediate(r));
  }

  /** One promotion transaction of up to `limit` rows, its size adapted to the budget. The error if it failed. */
  private promote(limit: number): unknown {
    const started = performance.now();
    try {
      const { moved, dropped } = this.db.transaction(() => this.promoter.step(limit)).immediate();
      this.inbox = moved === 0 ? 0 : Math.max(0, this.inbox - moved);
      this.stats.promoted += moved - dropped;
      this.stats.duplicates += dropped;
    } catch (err) {
      return err ?? new Error('promotion failed');
    }
    const ms = performance.now() - started;
    this.stats.promoteMs += ms;
    this.stats.maxPromoteMs = Math.max(this.stats.maxPromoteMs, ms);
    const budget = Math.min(this.setup.budgetMs, INDEX_BUDGET_MS);
    if (ms > budget * 0.75) this.promoteChunk = Math.max(50, Math.floor((limit * budget * 0.6) / ms));
    else if (ms < budget * 0.3) this.promoteChunk = Math.min(MAX_CHUNK, Math.ceil(this.promoteChunk * 1.5));
    return null;
  }

  /**
   * Commits the rest of a batch in budget-sized transactions, reporting each as it commits (the
   * first events of a 10,000-event batch need not wait for the last). `once`: one transaction only.
   * False when the disk refused one.
   */
  private commitBatch(b: Batch, once: boolean): boolean {
    b.offset ??= 0;
    const count = packedCount(b.rows);
    while (b.offset < count || !b.extrasDone) {
      const from = b.offset;
      const to = Math.min(count, from + this.chunkSize);
      // Past the bound the inbox is kept where it is: as many rows out as go in.
      const full = this.inbox >= this.setup.inboxMax ? this.promote(to - from) : null;
      if (full) return this.fail(b.seq, full);
      const started = performance.now();
      let dupes: number[];
      try {
        // IMMEDIATE: the transaction reads (key slots) before it writes; a deferred one would fail
        // with SQLITE_BUSY, not wait, if another process (dnsfleet monitor) committed in between.
        dupes = this.db
          .transaction(() => {
            const d = this.statements.insertEvents(b.rows, from, to);
            if (!b.extrasDone) this.statements.upsertAlerts(b.alerts);
            if (!b.extrasDone) this.statements.upsertRollups(b.rollups);
            if (!b.extrasDone) this.statements.upsertQueryRollups(b.queryRollups ?? []);
            return d;
          })
          .immediate();
        this.statements.settle(true);
      } catch (err) {
        this.statements.settle(false);
        return this.fail(b.seq, err);
      }
      b.offset = to;
      b.extrasDone = true;
      this.inbox += to - from - dupes.length;
      this.retention.grew(to - from - dupes.length, telemetryStored(b.rows, from, to, dupes));
      this.record(performance.now() - started, to - from, to - from - dupes.length);
      this.deps.reply({ t: 'committed', seq: b.seq, upTo: to, duplicates: dupes, done: to >= count, stats: this.coreStats() });
      if (once) break;
    }
    return true;
  }

  /** The line stops until the main side says retry (a full disk shows as degraded meanwhile). */
  private fail(seq: number, err: unknown): false {
    this.failed = true;
    this.noteFailure(err);
    const e = err as { code?: unknown; message?: unknown };
    this.deps.reply({ t: 'failed', seq, code: String(e?.code ?? 'error'), message: String(e?.message ?? err) });
    return false;
  }

  /** Adapts the chunk so the next transaction stays within the budget. */
  private record(ms: number, size: number, inserted: number): void {
    this.stats.batches++;
    this.stats.committed += inserted;
    this.stats.duplicates += size - inserted;
    this.stats.maxBatchMs = Math.max(this.stats.maxBatchMs, ms);
    this.stats.commitMs += ms;
    const budget = this.setup.budgetMs;
    if (size > 0 && ms > budget * 0.75) this.chunkSize = Math.max(25, Math.floor((size * budget * 0.6) / ms));
    else if (ms < budget * 0.3) this.chunkSize = Math.min(this.maxChunk, Math.ceil(this.chunkSize * 1.5));
    this.stats.chunkSize = this.chunkSize;
  }
}
