/** Messages between the event log (main thread) and its writer (a worker thread, or in-thread as a fallback). */
import type { Alert } from '../../../shared/domain/alert';
import type { PackedRows } from './packedRows';
import type { RetentionPolicy } from './Retention';
import type { RollupDelta } from './writeStatements';
import type { QueryRollupDelta } from '../analytics/QueryRollups';

export interface WriterSetup {
  path: string;
  /** Time budget per write transaction, so indexing, retention and close get turns. */
  budgetMs: number;
  batchMax: number;
  retention: RetentionPolicy;
  applyRetention: boolean;
  retentionIntervalMs: number;
  retentionBatchRows: number;
  /** Rows the inbox may hold; past it each commit first moves as many rows into the indexed table. */
  inboxMax: number;
}

export interface WriterStats {
  committed: number;
  duplicates: number;
  dropped: number;
  batches: number;
  maxBatchMs: number;
  chunkSize: number;
}

/** What only the writer knows; the main thread shows its latest report in stats(). */
export interface CoreStats extends Omit<WriterStats, 'dropped'> {
  retentionDeleted: number;
  maxIndexChunkMs: number;
  /** Writer-thread time spent in event transactions and in full-text indexing (ms, totals). */
  commitMs: number;
  indexMs: number;
  /** Rows committed to the inbox, not yet moved into the indexed table (InboxPromoter). */
  inbox: number;
  /** Rows moved out of the inbox, the writer-thread time it took (ms, total) and its longest step. */
  promoted: number;
  promoteMs: number;
  maxPromoteMs: number;
  /** Key slots asked of SQLite (KeySlots): near zero unless another process writes the same log. */
  keyLookups: number;
}

export type ToWriter =
  /** `rows`: the events, packed (packedRows.ts): already masked, capped and hashed. */
  | { t: 'batch'; seq: number; now: number; rows: PackedRows; alerts: Alert[]; rollups: RollupDelta[]; queryRollups?: QueryRollupDelta[] }
  | { t: 'retry'; now: number }
  | { t: 'setRetention'; now: number; policy: RetentionPolicy }
  /** A reader met damage (SQLITE_CORRUPT): run the deeper check and answer `damaged`. */
  | { t: 'check'; now: number; code: string; message: string }
  /** Replies `done` once every message before it was handled (flush), or after indexing (index). */
  | { t: 'flush' | 'index' | 'close'; id: number; now: number };

export type FromWriter =
  /**
   * Events [0, upTo) of batch `seq` are durable (one reply per transaction, so a large batch is
   * reported as it goes); `duplicates` are the indexes skipped in this step; `done` ends the batch.
   */
  | { t: 'committed'; seq: number; upTo: number; duplicates: number[]; done: boolean; stats: CoreStats }
  | { t: 'failed'; seq: number; code: string; message: string }
  | { t: 'stats'; stats: CoreStats }
  | { t: 'done'; id: number; stats: CoreStats }
  | { t: 'log'; level: 'warn' | 'error'; msg: string; fields: Record<string, unknown> }
  /** Damage met at run time (damage.ts), and what quick_check found; sent once a session. */
  | { t: 'damaged'; code: string; message: string; problems: string[] }
  /** Synthesised by the channel when the writer thread died: nothing more will be written. */
  | { t: 'stopped'; message: string };

/** Synchronous requests (answered while the main thread waits): one retention step now. */
export interface SyncRequest {
  t: 'retentionStep';
  now: number;
}
