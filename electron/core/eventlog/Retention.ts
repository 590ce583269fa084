/**
 * Retention by age and by size, applied a little at a time, with telemetry (telemetry.ts) kept apart
 * from history so that a flood of query samples never deletes last week's state changes:
 *   - telemetry keeps `telemetryDays` (default 7) and at most `telemetryShare` of the size cap;
 *   - history keeps `maxAgeDays` (default 90), and is deleted by size only once no telemetry is left.
 * Each step deletes a bounded chunk of the oldest rows (rowid order is time order, and a partial index
 * lists telemetry in that order) and gives freed pages back to the OS. While more is due steps come
 * quickly; otherwise every `intervalMs`, and at once when the writer reports growth past a bound.
 */
import type { Database, Statement } from 'better-sqlite3';
import { DAY, HOUR } from '../../../shared/domain/ids';
import type { Clock, Logger, TimerHandle } from '../platform';
import { msToKey } from './eventRows';

export interface RetentionPolicy {
  /** History's age limit. */
  maxAgeDays: number;
  /** The size cap of the whole log (pages in use). */
  maxBytes: number;
  /** Telemetry's age limit. */
  telemetryDays?: number;
  /** Telemetry's share of maxBytes, 0.05 to 0.9. */
  telemetryShare?: number;
}
export type FullPolicy = Required<RetentionPolicy>;
export const DEFAULT_RETENTION: FullPolicy = { maxAgeDays: 90, maxBytes: 1024 * 1024 * 1024, telemetryDays: 7, telemetryShare: 0.25 };
const MINUTE_ROLLUP_DAYS = 14;
/** 10-minute rollups answer the 24 h charts only. */
const TEN_MINUTE_ROLLUP_DAYS = 2;
const QUERY_MINUTE_ROLLUP_HOURS = 3;
const QUERY_HOUR_ROLLUP_DAYS = 8;
/** Deletions planned to this fraction of a bound, so that the next rows do not start another round at once. */
const TARGET = 0.9;
/** Largest deletion per step: a step's time is adapted to the budget, as the writer's transactions are. */
const MAX_CHUNK = 20_000;

export interface RetentionOptions {
  intervalMs: number;
  batchRows: number;
  /** Delay between ticks while a backlog of deletions remains. */
  busyDelayMs: number;
  /** Time a deletion step aims to stay within (ms). */
  budgetMs?: number;
}

/** Bytes the database holds (pages in use; the WAL is transient and excluded). Any connection may ask. */
export function usedBytes(db: Database): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  return (pages - free) * pageSize;
}

/** The policy with defaults filled in; `floors` keeps a policy set at run time from emptying the log (tests set tiny caps at open). */
export function fullPolicy(p: RetentionPolicy, floors = true): FullPolicy {
  const share = p.telemetryShare ?? DEFAULT_RETENTION.telemetryShare;
  return {
    maxAgeDays: Math.max(1, p.maxAgeDays),
    maxBytes: floors ? Math.max(1024 * 1024, p.maxBytes) : p.maxBytes,
    telemetryDays: Math.max(1, p.telemetryDays ?? DEFAULT_RETENTION.telemetryDays),
    telemetryShare: Number.isFinite(share) ? Math.min(0.9, Math.max(0.05, share)) : DEFAULT_RETENTION.telemetryShare,
  };
}

/** Rows still to delete to get back within the bounds: telemetry first, history only after it. */
interface SizePlan {
  telemetry: number;
  history: number;
}

export class Retention {
  private timer: TimerHandle | null = null;
  private disposed = false;
  private policy: FullPolicy;
  private plan: SizePlan = { telemetry: 0, history: 0 };
  private chunk: number;
  /** Rows and telemetry rows, counted when a plan is made and kept up to date since (grew, deletions). */
  private rows = 0;
  private telemetryRows = 0;
  private bytesPerRow = 0;
  /** Rows committed since the last deletion step: over the cap, a step deletes at least as many. */
  private addedSinceStep = 0;
  /** Rows were deleted since the full-text index was last merged down (or since start: unknown). */
  private searchIndexDirty = true;
  private readonly sql: Record<'totalChanges' | 'countAll' | 'countTelemetry' | 'oldTelemetry' | 'oldTelemetryInbox' | 'oldestTelemetry' | 'oldestTelemetryInbox' | 'oldestHistory', Statement>;
  deletedTotal = 0;

  constructor(
    private readonly db: Database,
    policy: RetentionPolicy,
    private readonly deps: { clock: Clock; logger: Logger; canWrite: () => boolean; failed?: (err: unknown) => void },
    private readonly opts: RetentionOptions,
  ) {
    this.policy = fullPolicy(policy, false);
    this.chunk = opts.batchRows;
    const del = (table: string, where: string) => db.prepare(`DELETE FROM ${table} WHERE key IN (SELECT key FROM ${table} WHERE ${where} ORDER BY key LIMIT ?)`);
    this.sql = {
      totalChanges: db.prepare('SELECT total_changes()').pluck(),
      countAll: db.prepare('SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM events_inbox)').pluck(),
      // The partial index (migration 6) holds only telemetry: counting it reads nothing else.
      countTelemetry: db.prepare('SELECT (SELECT count(*) FROM events WHERE telemetry = 1) + (SELECT count(*) FROM events_inbox WHERE telemetry = 1)').pluck(),
      oldTelemetry: del('events', 'telemetry = 1 AND key < ?'),
      oldTelemetryInbox: del('events_inbox', 'telemetry = 1 AND key < ?'),
      oldestTelemetry: del('events', 'telemetry = 1'),
      oldestTelemetryInbox: del('events_inbox', 'telemetry = 1'),
      oldestHistory: del('events', '1'),
    };
  }

  start(): void {
    this.schedule(this.opts.busyDelayMs);
  }

  setPolicy(policy: RetentionPolicy): void {
    this.policy = fullPolicy(policy);
    this.plan = { telemetry: 0, history: 0 };
    this.schedule(0);
  }

  get current(): FullPolicy {
    return this.policy;
  }

  /** Bytes the database holds (pages in use; the WAL is transient and excluded). */
  usedBytes(): number {
    return usedBytes(this.db);
  }

  /**
   * The writer committed `rows` new rows (`telemetry` of them telemetry). When that may have passed
   * a bound, a step runs at once rather than at the next interval: at 20,000 samples a second a
   * minute's wait would overshoot a 1 GB cap by half.
   */
  grew(rows: number, telemetry: number): void {
    this.addedSinceStep += rows;
    this.rows += rows;
    this.telemetryRows += telemetry;
    if (this.timer === null || this.plan.telemetry + this.plan.history > 0) return;
    const overTelemetry = this.telemetryRows * this.bytesPerRow > this.policy.telemetryShare * this.policy.maxBytes;
    if (overTelemetry || this.usedBytes() > this.policy.maxBytes) this.schedule(0);
  }

  /** One bounded step. Returns true when more deletion is due. */
  tick(): boolean {
    if (!this.deps.canWrite()) return false;
    try {
      const byAge = this.deleteByAge();
      if (this.plan.telemetry + this.plan.history === 0) this.plan = this.planBySize();
      // Nothing left to delete, yet over the cap: deleted rows still hold space in the search index.
      if (this.plan.telemetry + this.plan.history === 0 && this.searchIndexDirty && this.usedBytes() > this.policy.maxBytes) {
        if (byAge > 0) this.compact();
        this.deletedTotal += byAge;
        return !this.settleSearchIndex() || byAge >= this.opts.batchRows || this.plan.telemetry + this.plan.history > 0;
      }
      const bySize = this.deleteBySize();
      if (byAge + bySize > 0) this.compact();
      this.deletedTotal += byAge + bySize;
      return byAge >= this.opts.batchRows || this.plan.telemetry + this.plan.history > 0;
    } catch (err) {
      this.plan = { telemetry: 0, history: 0 };
      this.deps.logger.warn('retention step failed; will retry', { err });
      this.deps.failed?.(err);
      return false;
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Rows to delete, planned from the average row size once, because the file only shrinks after FTS
   * merges and vacuum catch up (re-measuring would over-delete). Telemetry goes first: down to its
   * share, and further when the whole log is over the cap; history only for what telemetry cannot cover.
   */
  private planBySize(): SizePlan {
    const used = this.usedBytes();
    this.rows = this.sql.countAll.get() as number;
    this.telemetryRows = this.sql.countTelemetry.get() as number;
    if (this.rows === 0) return { telemetry: 0, history: 0 };
    this.bytesPerRow = used / this.rows;
    const { maxBytes, telemetryShare } = this.policy;
    const overAll = used > maxBytes ? this.rows - Math.floor((this.rows * maxBytes * TARGET) / used) : 0;
    const overShare = this.telemetryRows * this.bytesPerRow > telemetryShare * maxBytes ? this.telemetryRows - Math.floor((telemetryShare * maxBytes * TARGET) / this.bytesPerRow) : 0;
    const telemetry = Math.min(this.telemetryRows, Math.max(overAll, overShare));
    return { telemetry, history: Math.max(0, overAll - telemetry) };
  }

  private deleteBySize(): number {
    const started = performance.now();
    let n = 0;
    // Never fewer than were committed since the last step: on a loaded machine a time-budgeted chunk
    // alone fell behind a flood (commits get a larger budget), and the file outgrew the cap.
    const chunk = Math.max(this.chunk, Math.min(MAX_CHUNK, this.addedSinceStep));
    this.addedSinceStep = 0;
    if (this.plan.telemetry > 0) {
      const want = Math.min(chunk, this.plan.telemetry);
      n = this.sql.oldestTelemetry.run(want).changes;
      // A flood may not have left the inbox yet: its samples are telemetry too.
      if (n < want) n += this.sql.oldestTelemetryInbox.run(want - n).changes;
      this.telemetryRows -= n;
      this.plan.telemetry = n === 0 ? 0 : this.plan.telemetry - n;
      this.searchIndexDirty = true;
    } else if (this.plan.history > 0) {
      // Deleted rows hold space in the full-text index until its segments are merged: measure again
      // once they are, or history would be deleted for space that telemetry already gave back.
      if (this.searchIndexDirty && !this.settleSearchIndex()) return 0;
      if (this.plan.telemetry > 0 || this.plan.history === 0) return 0;
      n = this.sql.oldestHistory.run(Math.min(chunk, this.plan.history)).changes;
      this.plan.history = n === 0 ? 0 : this.plan.history - n;
    }
    this.rows -= n;
    if (n > 0) this.adaptChunk(performance.now() - started, n);
    return n;
  }

  /**
   * One bounded merge of the full-text index (its delete markers folded in, freed pages counted as
   * free). Once a merge finds nothing to do, the size plan is made again from a true measure.
   * Returns true when settled.
   */
  private settleSearchIndex(): boolean {
    const before = this.sql.totalChanges.get() as number;
    this.db.prepare("INSERT INTO events_fts(events_fts, rank) VALUES ('merge', -500)").run();
    // A merge with nothing to do still rewrites the index's structure record: one change.
    if ((this.sql.totalChanges.get() as number) - before > 1) return false;
    this.searchIndexDirty = false;
    this.plan = this.planBySize();
    return true;
  }

  private adaptChunk(ms: number, rows: number): void {
    const budget = this.opts.budgetMs ?? 25;
    if (ms > budget * 0.75) this.chunk = Math.max(this.opts.batchRows, Math.floor((rows * budget * 0.6) / ms));
    else if (ms < budget * 0.3 && rows >= this.chunk) this.chunk = Math.min(MAX_CHUNK, Math.ceil(this.chunk * 1.5));
  }

  /** Folds FTS delete markers into the index and returns free pages to the OS, a little per tick. */
  private compact(): void {
    this.db.prepare("INSERT INTO events_fts(events_fts, rank) VALUES ('merge', 32)").run();
    this.db.pragma('incremental_vacuum(512)');
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      const more = this.tick();
      // Over the cap, deletion keeps pace with the writer's commits (one chunk between them), or a flood outruns it.
      this.schedule(!more ? this.opts.intervalMs : this.plan.telemetry + this.plan.history > 0 ? 0 : this.opts.busyDelayMs);
    }, ms);
  }

  private deleteByAge(): number {
    const now = this.deps.clock.now();
    const cutoffMs = now - this.policy.maxAgeDays * DAY;
    const telemetryCutoff = msToKey(now - this.policy.telemetryDays * DAY);
    const cutoffKey = msToKey(cutoffMs);
    const batch = this.opts.batchRows;
    const old = (table: string) => this.db.prepare(`DELETE FROM ${table} WHERE key IN (SELECT key FROM ${table} WHERE key < ? ORDER BY key LIMIT ?)`).run(cutoffKey, batch).changes;
    // An old event may still wait in the inbox (migration 5): it is never moved into the log to be deleted there.
    let n = old('events') + old('events_inbox');
    const telemetry = this.sql.oldTelemetry.run(telemetryCutoff, batch).changes + this.sql.oldTelemetryInbox.run(telemetryCutoff, batch).changes;
    this.telemetryRows -= telemetry;
    if (n + telemetry > 0) this.searchIndexDirty = true;
    n += telemetry;
    this.rows -= n;
    this.db.prepare('DELETE FROM connection_gaps WHERE to_ms < ?').run(cutoffMs);
    this.db.prepare("DELETE FROM alerts WHERE status = 'resolved' AND resolved_at < ?").run(new Date(cutoffMs).toISOString());
    this.db
      .prepare('DELETE FROM metric_rollups WHERE (resolution = 60000 AND bucket_ms < ?) OR (resolution = 600000 AND bucket_ms < ?) OR bucket_ms < ?')
      .run(now - MINUTE_ROLLUP_DAYS * DAY, now - TEN_MINUTE_ROLLUP_DAYS * DAY, cutoffMs);
    // Query analytics asks 1-minute buckets for at most an hour and 1-hour buckets for a day.
    this.db.prepare('DELETE FROM query_rollups WHERE (resolution = 60000 AND bucket_ms < ?) OR bucket_ms < ?').run(now - QUERY_MINUTE_ROLLUP_HOURS * HOUR, now - QUERY_HOUR_ROLLUP_DAYS * DAY);
    return n;
  }
}
