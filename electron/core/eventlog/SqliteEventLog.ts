/**
 * The app's memory: FleetEvents, alerts, connection gaps and metric rollups in `events.db`
 * (SQLite, WAL). Writes are group-committed by BatchWriter; reads are synchronous indexed queries.
 */
import type { Database } from 'better-sqlite3';
import type { Alert } from '../../../shared/domain/alert';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { MetricName } from '../../../shared/domain/metrics';
import type { EventFacets, EventFilter, EventPage, Histogram } from '../../../shared/ipc/schemas';
import { systemClock, type Clock, type Logger } from '../platform';
import { Emitter } from '../util/Emitter';
import { nullLogger } from '../util/logger';
import { listAlerts } from './alertRows';
import { BatchWriter, type WriterStats } from './BatchWriter';
import { DiskHealth } from './DiskHealth';
import type { CommitBatch, EventLog, EventLogHealth } from './EventLog';
import { EventQueries } from './EventQueries';
import { FtsIndexer } from './FtsIndexer';
import { exportEvents, type ExportFormat } from './exportEvents';
import { MetricRollups, type RollupPoint, type RollupResolution } from './MetricRollups';
import { openEventDatabase, QUICK_CHECK_MAX_BYTES } from './openDatabase';
import { DEFAULT_RETENTION, Retention, type RetentionPolicy } from './Retention';

export interface SqliteEventLogOptions {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  retention?: RetentionPolicy;
  /** Group commit: at most one transaction per `batchMs` (default 100) ... */
  batchMs?: number;
  /** ... or as soon as this many events wait (default 1000). */
  batchMax?: number;
  /** Bound on events waiting in memory (default 100,000); beyond it the oldest are dropped and counted. */
  maxBacklog?: number;
  /** Event-loop budget per transaction in ms (default 20). */
  budgetMs?: number;
  /** Retry delay after a failed write, e.g. a full disk (default 2000). */
  retryMs?: number;
  /** False for readers such as the CLI, which do not know the user's configured retention. */
  applyRetention?: boolean;
  retentionIntervalMs?: number;
  retentionBatchRows?: number;
  /** Files above this size get a shallow start-up check instead of a full quick_check. */
  quickCheckMaxBytes?: number;
}

export interface Gap {
  serverId: string;
  fromMs: number;
  toMs: number;
}

export class SqliteEventLog implements EventLog {
  private readonly queries: EventQueries;
  private readonly writer: BatchWriter;
  private readonly diskHealth: DiskHealth;
  private readonly rollups: MetricRollups;
  private readonly retention: Retention;
  private readonly indexer: FtsIndexer;
  private readonly commits: Emitter<CommitBatch>;
  private closed = false;
  private readonly logger: Logger;
  readonly onDidCommit: EventLog['onDidCommit'];
  readonly onDidChangeHealth: EventLog['onDidChangeHealth'];

  static open(opts: SqliteEventLogOptions): SqliteEventLog {
    const clock = opts.clock ?? systemClock;
    const logger = opts.logger ?? nullLogger;
    const opened = openEventDatabase(opts.dataDir, logger, () => clock.now(), opts.quickCheckMaxBytes ?? QUICK_CHECK_MAX_BYTES);
    logger.info('event log opened', { path: opened.path, integrity: opened.integrity });
    return new SqliteEventLog(opened.db, opened.notices, opened.persistent, { ...opts, clock, logger });
  }

  private constructor(
    private readonly db: Database,
    private readonly startNotices: string[],
    readonly persistent: boolean,
    opts: SqliteEventLogOptions & { clock: Clock; logger: Logger },
  ) {
    const { clock, logger } = opts;
    this.logger = logger;
    this.commits = new Emitter<CommitBatch>((err) => logger.error('commit listener failed', { err }));
    this.onDidCommit = this.commits.event;
    this.diskHealth = new DiskHealth({ clock, logger });
    this.onDidChangeHealth = this.diskHealth.onDidChange;
    if (!persistent) this.diskHealth.setState('degraded', 'The event log could not be opened on disk; events are kept in memory for this session only.', 0);
    this.queries = new EventQueries(db);
    this.rollups = new MetricRollups(db);
    const canWrite = () => this.diskHealth.value.state !== 'degraded' || !persistent;
    this.indexer = new FtsIndexer(db, { clock, logger, canWrite, writerBusy: () => this.writer.busy, budgetMs: opts.budgetMs ?? 20 });
    this.writer = new BatchWriter(
      db,
      { clock, logger, health: this.diskHealth, rollups: this.rollups, onCommit: (b) => this.committed(b) },
      { batchMs: opts.batchMs ?? 100, batchMax: opts.batchMax ?? 1000, maxBacklog: opts.maxBacklog ?? 100_000, budgetMs: opts.budgetMs ?? 20, retryMs: opts.retryMs ?? 2000 },
    );
    this.retention = new Retention(
      db,
      opts.retention ?? DEFAULT_RETENTION,
      { clock, logger, canWrite },
      { intervalMs: opts.retentionIntervalMs ?? 60_000, batchRows: opts.retentionBatchRows ?? 500, busyDelayMs: 50 },
    );
    if (opts.applyRetention !== false) this.retention.start();
    this.indexer.kick();
  }

  private committed(batch: CommitBatch): void {
    this.commits.fire(batch);
    if (batch.events.length > 0) this.indexer.kick();
  }

  append(events: FleetEvent[]): void {
    if (!this.closed && events.length > 0) this.writer.append(events);
  }

  query(filter: EventFilter, cursor: string | null, limit: number): EventPage {
    return this.queries.query(filter, cursor, limit);
  }

  facets(filter: EventFilter): EventFacets {
    return this.queries.facets(filter);
  }

  histogram(filter: EventFilter, buckets: number): Histogram {
    return this.queries.histogram(filter, buckets);
  }

  count(filter: EventFilter): number {
    return this.queries.count(filter);
  }

  exportTo(filter: EventFilter, format: ExportFormat, outPath: string, onProgress?: (written: number, total: number) => void): Promise<{ rows: number }> {
    return exportEvents(this.queries, filter, format, outPath, onProgress);
  }

  saveAlert(alert: Alert): void {
    if (!this.closed) this.writer.saveAlert(alert);
  }

  listAlerts(opts: { includeResolved: boolean; limit: number }): Alert[] {
    return listAlerts(this.db, this.writer.pendingAlerts(), opts);
  }

  appendMetric(serverId: string, name: MetricName, t: number, v: number): void {
    if (this.closed) return;
    this.rollups.add(serverId, name, t, v);
    this.writer.schedule();
  }

  /** Rolled-up series for charts over days (1m) and weeks (1h). */
  metricSeries(serverId: string, name: MetricName, resolution: RollupResolution, sinceMs: number, untilMs?: number): RollupPoint[] {
    return this.rollups.series(serverId, name, resolution, sinceMs, untilMs);
  }

  gaps(serverId: string, sinceMs: number, untilMs = Number.MAX_SAFE_INTEGER): Gap[] {
    return this.db
      .prepare('SELECT server_id AS serverId, from_ms AS fromMs, to_ms AS toMs FROM connection_gaps WHERE server_id = ? AND to_ms >= ? AND from_ms < ? ORDER BY from_ms')
      .all(serverId, sinceMs, untilMs) as Gap[];
  }

  health(): EventLogHealth {
    return { ...this.diskHealth.value, backlog: this.writer.backlog };
  }

  /** Start-up notices (e.g. a damaged log moved aside) and standing ones (events dropped). */
  notices(): string[] {
    const drop = this.diskHealth.notice;
    return drop ? [...this.startNotices, drop] : [...this.startNotices];
  }

  setRetention(policy: RetentionPolicy): void {
    this.retention.setPolicy(policy);
  }

  /** Runs one retention step now (tests, and a "clean up now" action). Returns true if more is due. */
  applyRetentionStep(): boolean {
    return this.retention.tick();
  }

  /** Indexes every row still waiting for full-text search (search works meanwhile, by substring). */
  indexNow(): Promise<void> {
    return this.indexer.drain();
  }

  stats(): WriterStats & { backlog: number; usedBytes: number; retentionDeleted: number; searchIndexPending: number; maxIndexChunkMs: number } {
    return {
      ...this.writer.stats,
      backlog: this.writer.backlog,
      usedBytes: this.retention.usedBytes(),
      retentionDeleted: this.retention.deletedTotal,
      searchIndexPending: this.indexer.pending,
      maxIndexChunkMs: this.indexer.maxChunkMs,
    };
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.retention.dispose();
    this.indexer.dispose();
    await this.writer.close();
    if (this.writer.backlog > 0) this.logger.warn('event log closed with unsaved events', { backlog: this.writer.backlog });
    this.diskHealth.dispose();
    this.commits.dispose();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      /* a full disk may refuse the checkpoint; the WAL is replayed on next open */
    }
    this.db.close();
  }
}
