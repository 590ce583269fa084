/**
 * Retention by age and by size, applied a little at a time: each tick deletes at most `batchRows`
 * of the oldest events (rowid order is time order, so "oldest" is a range scan) and gives freed
 * pages back to the OS. While more is due, ticks come quickly; otherwise every `intervalMs`.
 */
import type { Database } from 'better-sqlite3';
import { DAY } from '../../../shared/domain/ids';
import type { Clock, Logger, TimerHandle } from '../platform';
import { msToKey } from './eventRows';

export interface RetentionPolicy {
  maxAgeDays: number;
  maxBytes: number;
}
export const DEFAULT_RETENTION: RetentionPolicy = { maxAgeDays: 90, maxBytes: 1024 * 1024 * 1024 };
const MINUTE_ROLLUP_DAYS = 14;

export interface RetentionOptions {
  intervalMs: number;
  batchRows: number;
  /** Delay between ticks while a backlog of deletions remains. */
  busyDelayMs: number;
}

/** Bytes the database holds (pages in use; the WAL is transient and excluded). Any connection may ask. */
export function usedBytes(db: Database): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  return (pages - free) * pageSize;
}

export class Retention {
  private timer: TimerHandle | null = null;
  private disposed = false;
  private sizeDeficit = 0;
  deletedTotal = 0;

  constructor(
    private readonly db: Database,
    private policy: RetentionPolicy,
    private readonly deps: { clock: Clock; logger: Logger; canWrite: () => boolean },
    private readonly opts: RetentionOptions,
  ) {}

  start(): void {
    this.schedule(this.opts.busyDelayMs);
  }

  setPolicy(policy: RetentionPolicy): void {
    this.policy = { maxAgeDays: Math.max(1, policy.maxAgeDays), maxBytes: Math.max(1024 * 1024, policy.maxBytes) };
    this.schedule(0);
  }

  get current(): RetentionPolicy {
    return this.policy;
  }

  /** Bytes the database holds (pages in use; the WAL is transient and excluded). */
  usedBytes(): number {
    return usedBytes(this.db);
  }

  /** One bounded step. Returns true when more deletion is due. */
  tick(): boolean {
    if (!this.deps.canWrite()) return false;
    try {
      if (this.sizeDeficit === 0) this.sizeDeficit = this.rowsOverSize();
      const byAge = this.deleteOlderThan(this.deps.clock.now() - this.policy.maxAgeDays * DAY);
      const bySize = this.sizeDeficit > 0 ? this.deleteOldest(Math.min(this.opts.batchRows, this.sizeDeficit)) : 0;
      this.sizeDeficit = bySize === 0 ? 0 : Math.max(0, this.sizeDeficit - bySize);
      if (byAge + bySize > 0) this.compact();
      this.deletedTotal += byAge + bySize;
      return byAge >= this.opts.batchRows || this.sizeDeficit > 0;
    } catch (err) {
      this.deps.logger.warn('retention step failed; will retry', { err });
      return false;
    }
  }

  /**
   * Rows to delete to get back under the size bound, planned from the average row size once, because
   * the file only shrinks after FTS merges and vacuum catch up (re-measuring would over-delete).
   */
  private rowsOverSize(): number {
    const used = this.usedBytes();
    if (used <= this.policy.maxBytes) return 0;
    // The inbox's rows take space too (they are the newest, so the oldest indexed rows go first).
    const rows = this.db.prepare('SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM events_inbox)').pluck().get() as number;
    const keep = Math.floor((rows * this.policy.maxBytes * 0.9) / used);
    return Math.max(0, rows - keep);
  }

  /** Folds FTS delete markers into the index and returns free pages to the OS, a little per tick. */
  private compact(): void {
    this.db.prepare("INSERT INTO events_fts(events_fts, rank) VALUES ('merge', 32)").run();
    this.db.pragma('incremental_vacuum(512)');
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.schedule(this.tick() ? this.opts.busyDelayMs : this.opts.intervalMs);
    }, ms);
  }

  private deleteOlderThan(cutoffMs: number): number {
    const cutoffKey = msToKey(cutoffMs);
    let n = this.db.prepare('DELETE FROM events WHERE key IN (SELECT key FROM events WHERE key < ? ORDER BY key LIMIT ?)').run(cutoffKey, this.opts.batchRows).changes;
    // An old event may still wait in the inbox (migration 5): it is never moved into the log to be deleted there.
    n += this.db.prepare('DELETE FROM events_inbox WHERE key IN (SELECT key FROM events_inbox WHERE key < ? ORDER BY key LIMIT ?)').run(cutoffKey, this.opts.batchRows).changes;
    this.db.prepare('DELETE FROM connection_gaps WHERE to_ms < ?').run(cutoffMs);
    this.db.prepare("DELETE FROM alerts WHERE status = 'resolved' AND resolved_at < ?").run(new Date(cutoffMs).toISOString());
    this.db.prepare('DELETE FROM metric_rollups WHERE (resolution = 60000 AND bucket_ms < ?) OR bucket_ms < ?').run(this.deps.clock.now() - MINUTE_ROLLUP_DAYS * DAY, cutoffMs);
    return n;
  }

  private deleteOldest(rows: number): number {
    return this.db.prepare('DELETE FROM events WHERE key IN (SELECT key FROM events ORDER BY key LIMIT ?)').run(rows).changes;
  }
}
