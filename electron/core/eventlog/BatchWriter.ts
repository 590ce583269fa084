/**
 * Group commit for the event log. Events wait in a bounded in-memory backlog and are written in one
 * transaction at most every `batchMs` or as soon as `batchMax` are waiting. A large backlog is
 * written in chunks sized so that no single transaction holds the event loop longer than
 * `budgetMs` (measured and adapted), with a yield between chunks. Disk failures keep the backlog
 * (bounded: the oldest are dropped and counted) and retry until the disk takes writes again.
 */
import type { Database } from 'better-sqlite3';
import type { Alert } from '../../../shared/domain/alert';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { Clock, Logger, TimerHandle } from '../platform';
import type { CommitBatch } from './EventLog';
import { BacklogQueue } from './BacklogQueue';
import { DiskHealth } from './DiskHealth';
import type { MetricRollups } from './MetricRollups';
import { WriteStatements } from './writeStatements';

/** A commit this recent means more are coming: background work (indexing) steps aside. */
const BUSY_WINDOW_MS = 150;

export interface WriterOptions {
  batchMs: number;
  batchMax: number;
  maxBacklog: number;
  budgetMs: number;
  retryMs: number;
}

export interface WriterStats {
  committed: number;
  duplicates: number;
  dropped: number;
  batches: number;
  maxBatchMs: number;
  chunkSize: number;
}

export class BatchWriter {
  private readonly queue: BacklogQueue<FleetEvent>;
  private readonly alerts = new Map<string, Alert>();
  private readonly statements: WriteStatements;
  private timer: TimerHandle | null = null;
  private retryTimer: TimerHandle | null = null;
  private running: Promise<void> | null = null;
  private chunkSize: number;
  private closed = false;
  private lastCommitAt = -Infinity;
  readonly stats: WriterStats = { committed: 0, duplicates: 0, dropped: 0, batches: 0, maxBatchMs: 0, chunkSize: 0 };

  constructor(
    private readonly db: Database,
    private readonly deps: { clock: Clock; logger: Logger; health: DiskHealth; rollups: MetricRollups; onCommit: (batch: CommitBatch) => void },
    private readonly opts: WriterOptions,
  ) {
    this.statements = new WriteStatements(db);
    this.queue = new BacklogQueue(opts.maxBacklog);
    this.chunkSize = opts.batchMax;
  }

  get backlog(): number {
    return this.queue.size;
  }

  /** Events are waiting or were committed moments ago: a storm is on. */
  get busy(): boolean {
    return this.queue.size > 0 || this.deps.clock.now() - this.lastCommitAt < BUSY_WINDOW_MS;
  }

  append(events: readonly FleetEvent[]): void {
    if (this.closed) return;
    const dropped = this.queue.push(events);
    if (dropped > 0) this.noteDropped(dropped);
    this.schedule();
  }

  saveAlert(alert: Alert): void {
    this.alerts.set(alert.id, alert);
    this.schedule();
  }

  /** Alerts accepted but not yet committed (listAlerts overlays them). */
  pendingAlerts(): Alert[] {
    return [...this.alerts.values()];
  }

  /** Writes everything waiting now; resolves (without throwing) even while the disk refuses writes. */
  async flush(): Promise<void> {
    this.cancelTimer();
    while (this.running) await this.running;
    this.running = this.drain().finally(() => {
      this.running = null;
      // Events appended while this drain was finishing (e.g. by a commit listener) were not
      // scheduled, because schedule() defers to a running drain: schedule them now.
      if (this.queue.size > 0 || this.alerts.size > 0) this.schedule();
    });
    await this.running;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    this.cancelTimer();
    if (this.retryTimer) this.deps.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  schedule(): void {
    if (this.closed || this.running || this.deps.health.retrying) return;
    const due = this.queue.size >= this.opts.batchMax ? 0 : this.opts.batchMs;
    if (this.timer && due > 0) return;
    this.cancelTimer();
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, due);
  }

  private async drain(): Promise<void> {
    for (;;) {
      const hasWork = this.queue.size > 0 || this.alerts.size > 0 || this.deps.rollups.pending > 0;
      if (!hasWork || this.closed) return;
      if (!this.commitChunk()) return;
      // Let sockets, timers and IPC run between chunks of a large backlog.
      if (this.queue.size > 0) await new Promise<void>((r) => setImmediate(r));
    }
  }

  /** One transaction. Returns false when the disk refused it (backlog kept, retry scheduled). */
  private commitChunk(): boolean {
    const chunk = this.queue.peek(this.chunkSize);
    const alerts = [...this.alerts.values()];
    const rollups = this.deps.rollups.pendingDeltas();
    const started = performance.now();
    let inserted: FleetEvent[];
    try {
      inserted = this.db.transaction(() => {
        const rows = this.statements.insertEvents(chunk);
        this.statements.upsertAlerts(alerts);
        this.statements.upsertRollups(rollups);
        return rows;
      })();
    } catch (err) {
      this.deps.health.writeFailed(err, this.queue.size);
      if (!this.retryTimer) this.retryTimer = this.deps.clock.setTimeout(() => this.retry(), this.opts.retryMs);
      return false;
    }
    const ms = performance.now() - started;
    this.queue.drop(chunk.length);
    for (const a of alerts) if (this.alerts.get(a.id) === a) this.alerts.delete(a.id);
    this.deps.rollups.committed(rollups);
    this.record(ms, chunk.length, inserted.length);
    this.deps.health.writeSucceeded(this.queue.size);
    this.lastCommitAt = this.deps.clock.now();
    this.deps.onCommit({ events: inserted, committedAt: this.lastCommitAt });
    return true;
  }

  private retry(): void {
    this.retryTimer = null;
    this.deps.health.retrying = false;
    void this.flush();
  }

  /** Adapts the chunk so the next transaction stays within the event-loop budget. */
  private record(ms: number, size: number, inserted: number): void {
    this.stats.batches++;
    this.stats.committed += inserted;
    this.stats.duplicates += size - inserted;
    this.stats.maxBatchMs = Math.max(this.stats.maxBatchMs, ms);
    if (size > 0 && ms > this.opts.budgetMs * 0.75) this.chunkSize = Math.max(25, Math.floor((size * this.opts.budgetMs * 0.6) / ms));
    else if (ms < this.opts.budgetMs * 0.3) this.chunkSize = Math.min(this.opts.batchMax, Math.ceil(this.chunkSize * 1.5));
    this.stats.chunkSize = this.chunkSize;
  }

  private noteDropped(count: number): void {
    this.stats.dropped += count;
    this.deps.health.eventsDropped(count, this.stats.dropped);
  }

  private cancelTimer(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
