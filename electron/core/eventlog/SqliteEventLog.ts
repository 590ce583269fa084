/**
 * The app's memory: FleetEvents, alerts, connection gaps and metric rollups in `events.db`
 * (SQLite, WAL). Writes are group-committed by a writer in a worker thread (its own connection, a
 * second core); reads are synchronous indexed queries on this thread's connection, which never writes.
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
import { DiskHealth } from './DiskHealth';
import type { CommitBatch, EventLog, EventLogHealth } from './EventLog';
import { EventQueries } from './EventQueries';
import { exportEvents, type ExportFormat, type ExportResult } from './exportEvents';
import { describeDamage } from './damage';
import { eventLogFacts, type EventLogFacts } from './eventLogDiagnostics';
import { MetricRollups, type RollupBucket, type RollupPoint, type RollupResolution } from './MetricRollups';
import { QueryRollups } from '../analytics/QueryRollups';
import { readQueryAnalytics, type QueryAnalyticsRequest } from '../analytics/queryAnalytics';
import type { QueryAnalytics } from '../../../shared/domain/analytics';
import { openEventDatabase, QUICK_CHECK_MAX_BYTES } from './openDatabase';
import { DEFAULT_RETENTION, usedBytes, type RetentionPolicy } from './Retention';
import { openWriterChannel, type WriterChannel } from './WriterChannel';
import type { CoreStats, WriterStats } from './writerProtocol';
import { WriteQueue } from './WriteQueue';
import { INBOX_MAX } from './WriterCore';

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
  /**
   * Time budget per write transaction in ms, so indexing and retention get turns (default 100 on
   * the writer thread; 20 when writing on the main thread, where it is the event loop's budget).
   */
  budgetMs?: number;
  /** Retry delay after a failed write, e.g. a full disk (default 2000). */
  retryMs?: number;
  /** False for readers such as the CLI, which do not know the user's configured retention. */
  applyRetention?: boolean;
  retentionIntervalMs?: number;
  retentionBatchRows?: number;
  /** Files above this size get a shallow start-up check instead of a full quick_check. */
  quickCheckMaxBytes?: number;
  /** Rows the inbox holds before commits slow to the indexed rate (default INBOX_MAX, WriterCore.ts). */
  inboxMax?: number;
  /** How long start-up waits for a lock another process holds on the file (default OPEN_WAIT_MS). */
  openWaitMs?: number;
}

export interface Gap {
  serverId: string;
  fromMs: number;
  toMs: number;
}

export class SqliteEventLog implements EventLog {
  private readonly queries: EventQueries;
  private readonly writer: WriteQueue;
  private readonly channel: WriterChannel;
  private readonly diskHealth: DiskHealth;
  private readonly rollups: MetricRollups;
  private readonly queryRollups = new QueryRollups();
  private readonly commits: Emitter<CommitBatch>;
  private closed = false;
  private readonly logger: Logger;
  private readonly clock: Clock;
  readonly onDidCommit: EventLog['onDidCommit'];
  readonly onDidChangeHealth: EventLog['onDidChangeHealth'];

  static open(opts: SqliteEventLogOptions): SqliteEventLog {
    const clock = opts.clock ?? systemClock;
    const logger = opts.logger ?? nullLogger;
    const opened = openEventDatabase(opts.dataDir, logger, () => clock.now(), opts.quickCheckMaxBytes ?? QUICK_CHECK_MAX_BYTES, opts.openWaitMs);
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
    this.clock = clock;
    this.commits = new Emitter<CommitBatch>((err) => logger.error('commit listener failed', { err }));
    this.onDidCommit = this.commits.event;
    this.diskHealth = new DiskHealth({ clock, logger });
    this.onDidChangeHealth = this.diskHealth.onDidChange;
    if (!persistent) this.diskHealth.setState('degraded', 'The event log could not be opened on disk; events are kept in memory for this session only.', 0);
    this.queries = new EventQueries(db, (err) => this.damageMet(err));
    this.rollups = new MetricRollups(db);
    const setup = {
      path: db.name,
      budgetMs: opts.budgetMs,
      batchMax: opts.batchMax ?? 1000,
      retention: opts.retention ?? DEFAULT_RETENTION,
      applyRetention: opts.applyRetention !== false,
      retentionIntervalMs: opts.retentionIntervalMs ?? 60_000,
      retentionBatchRows: opts.retentionBatchRows ?? 500,
      inboxMax: opts.inboxMax ?? INBOX_MAX,
    };
    this.channel = openWriterChannel(db, setup, persistent, { clock, logger });
    // With a writer thread this connection only reads; SQLite enforces it.
    if (this.channel.kind === 'worker') db.pragma('query_only = ON');
    this.writer = new WriteQueue(
      this.channel,
      { clock, logger, health: this.diskHealth, rollups: this.rollups, queryRollups: this.queryRollups, onCommit: (b) => this.commits.fire(b) },
      { batchMs: opts.batchMs ?? 100, batchMax: opts.batchMax ?? 1000, maxBacklog: opts.maxBacklog ?? 100_000, retryMs: opts.retryMs ?? 2000 },
    );
  }

  /** A read met damage: say so at once, and have the writer check how much (it answers `damaged`). */
  private damageMet(err: unknown): void {
    if (this.closed || this.diskHealth.isDamaged) return;
    const e = err as { code?: unknown; message?: unknown };
    const first = { code: String(e?.code ?? 'SQLITE_CORRUPT'), message: String(e?.message ?? err) };
    this.diskHealth.damaged(describeDamage(first, null));
    this.channel.post({ t: 'check', now: this.clock.now(), ...first });
  }

  append(events: FleetEvent[]): void {
    if (this.closed || events.length === 0) return;
    // Counted as they arrive: analytics must not depend on raw samples that retention deletes first.
    this.queryRollups.addEvents(events);
    this.writer.append(events);
  }

  /** Top domains and clients, blocked ratio: from query_rollups only (analytics/queryAnalytics.ts). */
  queryAnalytics(request: QueryAnalyticsRequest): QueryAnalytics {
    return readQueryAnalytics(this.db, request, this.clock.now());
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

  exportTo(filter: EventFilter, format: ExportFormat, outPath: string, onProgress?: (written: number, total: number) => void): Promise<ExportResult> {
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

  /** Rollups merged into chart steps (history charts: the range picks the resolution). */
  metricBuckets(serverId: string, name: MetricName, resolution: RollupResolution, stepMs: number, sinceMs: number, untilMs: number): RollupBucket[] {
    return this.rollups.buckets(serverId, name, resolution, stepMs, sinceMs, untilMs);
  }

  /** The same for many servers at once (fleet sums). */
  metricBucketsOfMany(serverIds: readonly string[], name: MetricName, resolution: RollupResolution, stepMs: number, sinceMs: number, untilMs: number): (RollupBucket & { serverId: string })[] {
    return this.rollups.bucketsOfMany(serverIds, name, resolution, stepMs, sinceMs, untilMs);
  }

  gaps(serverId: string, sinceMs: number, untilMs = Number.MAX_SAFE_INTEGER): Gap[] {
    return this.db
      .prepare('SELECT server_id AS serverId, from_ms AS fromMs, to_ms AS toMs FROM connection_gaps WHERE server_id = ? AND to_ms >= ? AND from_ms < ? ORDER BY from_ms')
      .all(serverId, sinceMs, untilMs) as Gap[];
  }

  health(): EventLogHealth {
    return { ...this.diskHealth.value, backlog: this.writer.backlog };
  }

  /** Schema, size and row counts for the diagnostics bundle; whether damage was met while running. */
  facts(): EventLogFacts & { persistent: boolean; damaged: boolean } {
    return { ...eventLogFacts(this.db), persistent: this.persistent, damaged: this.diskHealth.isDamaged };
  }

  /** Start-up notices (e.g. a damaged log moved aside) and standing ones (events dropped). */
  notices(): string[] {
    const drop = this.diskHealth.notice;
    return drop ? [...this.startNotices, drop] : [...this.startNotices];
  }

  setRetention(policy: RetentionPolicy): void {
    if (!this.closed) this.channel.post({ t: 'setRetention', now: this.clock.now(), policy });
  }

  /**
   * Runs one retention step now (tests, and a "clean up now" action). Returns true if more is due.
   * Waits for the writer thread to answer (behind any commit it is doing).
   */
  applyRetentionStep(): boolean {
    return !this.closed && this.channel.call({ t: 'retentionStep', now: this.clock.now() });
  }

  /** Indexes every row still waiting for full-text search (search works meanwhile, by substring). */
  async indexNow(): Promise<void> {
    if (!this.closed) await this.writer.request('index');
  }

  /** Events the writer has dealt with (committed, skipped as duplicates, or dropped): cheap, no query. */
  processed(): number {
    const s = this.writer.stats;
    return s.committed + s.duplicates + s.dropped;
  }

  /** Writer figures are as last reported by the writer thread (after each commit, at least every second). */
  stats(): WriterStats & CoreStats & { backlog: number; usedBytes: number; searchIndexPending: number } {
    return {
      ...this.writer.stats,
      backlog: this.writer.backlog,
      usedBytes: usedBytes(this.db),
      // Rows not yet in the full-text index: listed for it, or still in the inbox (not yet listed).
      searchIndexPending: this.db.prepare('SELECT (SELECT count(*) FROM fts_pending) + (SELECT count(*) FROM events_inbox)').pluck().get() as number,
    };
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer.close();
    await this.channel.dispose();
    if (this.writer.backlog > 0) this.logger.warn('event log closed with unsaved events', { backlog: this.writer.backlog });
    this.diskHealth.dispose();
    this.commits.dispose();
    this.db.close();
  }
}
