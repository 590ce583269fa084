/**
 * The event log opened only to read it: `dnsfleet events` and `dnsfleet export`, which often run
 * while the app is writing the same file. No writer thread is started, so nothing is indexed,
 * retained or checkpointed from here, and SQLite refuses any write on the connection.
 */
import type { Database } from 'better-sqlite3';
import type { EventFilter, EventPage } from '../../../shared/ipc/schemas';
import type { Logger } from '../platform';
import { nullLogger } from '../util/logger';
import { eventLogFacts, type EventLogFacts } from './eventLogDiagnostics';
import { readQueryAnalytics, type QueryAnalyticsRequest } from '../analytics/queryAnalytics';
import type { QueryAnalytics } from '../../../shared/domain/analytics';
import { EventQueries } from './EventQueries';
import { exportEvents, type ExportFormat, type ExportResult } from './exportEvents';
import { openEventDatabase, QUICK_CHECK_MAX_BYTES } from './openDatabase';

export class EventLogReader {
  private readonly queries: EventQueries;

  static open(dataDir: string, logger: Logger = nullLogger): EventLogReader {
    // The same checks and upgrade as the app's own open: an older log is read with today's schema.
    const opened = openEventDatabase(dataDir, logger, () => Date.now(), QUICK_CHECK_MAX_BYTES);
    opened.db.pragma('query_only = ON');
    return new EventLogReader(opened.db, opened.notices);
  }

  private constructor(
    private readonly db: Database,
    private readonly startNotices: string[],
  ) {
    this.queries = new EventQueries(db);
  }

  /** Schema, size and row counts (the diagnostics bundle of `dnsfleet diagnose`). */
  facts(): EventLogFacts {
    return eventLogFacts(this.db);
  }

  notices(): string[] {
    return [...this.startNotices];
  }

  query(filter: EventFilter, cursor: string | null, limit: number): EventPage {
    return this.queries.query(filter, cursor, limit);
  }

  exportTo(filter: EventFilter, format: ExportFormat, outPath: string, onProgress?: (written: number, total: number) => void): Promise<ExportResult> {
    return exportEvents(this.queries, filter, format, outPath, onProgress);
  }

  /** Query analytics from the rollups, as the app answers analytics:get. */
  queryAnalytics(request: QueryAnalyticsRequest, now = Date.now()): QueryAnalytics {
    return readQueryAnalytics(this.db, request, now);
  }

  close(): void {
    this.db.close();
  }
}
