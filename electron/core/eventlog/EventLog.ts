import type { Alert } from '../../../shared/domain/alert';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { MetricName } from '../../../shared/domain/metrics';
import type { EventFacets, EventFilter, EventPage, Histogram } from '../../../shared/ipc/schemas';
import type { Event } from '../util/Emitter';

export interface CommitBatch {
  /** Events actually inserted (duplicates by dedupKey are dropped by the store). */
  events: FleetEvent[];
  committedAt: number;
}

export interface EventLogHealth {
  state: 'ok' | 'degraded' | 'recovered';
  detail: string;
  backlog: number;
}

/** The app's memory. Writes are batched (group commit); reads are synchronous SQLite queries. */
export interface EventLog {
  append(events: FleetEvent[]): void;
  readonly onDidCommit: Event<CommitBatch>;
  readonly onDidChangeHealth: Event<EventLogHealth>;
  query(filter: EventFilter, cursor: string | null, limit: number): EventPage;
  facets(filter: EventFilter): EventFacets;
  histogram(filter: EventFilter, buckets: number): Histogram;
  exportTo(filter: EventFilter, format: 'csv' | 'ndjson', outPath: string, onProgress?: (written: number, total: number) => void): Promise<{ rows: number; unreadable: number | null; damaged: boolean }>;
  saveAlert(alert: Alert): void;
  listAlerts(opts: { includeResolved: boolean; limit: number }): Alert[];
  appendMetric(serverId: string, name: MetricName, t: number, v: number): void;
  health(): EventLogHealth;
  flush(): Promise<void>;
  close(): Promise<void>;
}
