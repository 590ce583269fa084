/**
 * Chart history for the hosts: a server's series, annotations and forwarder timelines over a
 * range, the fleet's sums and the server x forwarder matrix. Reads only the event log's rollups,
 * bounded event queries and the connection gaps table, never raw telemetry rows.
 */
import type { Annotations, FleetHistory, ForwarderHistory, ForwarderMatrix, HistoryRange, HistorySeriesName, HistoryWindow, MetricHistory } from '../../../shared/domain/history';
import type { MaintenanceWindow } from '../../../shared/domain/maintenance';
import type { MetricName } from '../../../shared/domain/metrics';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { ServerVerdict } from '../../../shared/domain/verdict';
import type { EventFilter } from '../../../shared/ipc/schemas';
import { DERIVED } from '../../../shared/domain/eventTypes';
import { DAY } from '../../../shared/domain/ids';
import type { RollupBucket } from '../eventlog/MetricRollups';
import type { SqliteEventLog } from '../eventlog/SqliteEventLog';
import type { Clock } from '../platform';
import { ANNOTATED_EVENT_TYPES, buildAnnotations } from './annotations';
import { BucketCache } from './BucketCache';
import { fleetHistory } from './fleetHistory';
import { forwarderMatrix } from './forwarderMatrix';
import { forwarderTimelines } from './forwarderTimeline';
import { averageSeries, blockedPercentSeries } from './historySeries';
import { historyWindow, readResolution } from './historyWindow';

/** Bounds on the events one chart query reads (newest first); the rest is counted as omitted. */
export const MAX_ANNOTATION_EVENTS = 500;
const MAX_FORWARDER_CHANGES = 2000;
const PRIOR_CHANGES = 200;

export type HistoryLog = Pick<SqliteEventLog, 'query' | 'count' | 'metricBuckets' | 'metricBucketsOfMany' | 'gaps'>;

export interface HistoryDeps {
  log: HistoryLog;
  clock: Clock;
  statuses(): ServerStatus[];
  verdicts(): ServerVerdict[];
  maintenance(): MaintenanceWindow[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const cacheKey = (serverId: string, name: MetricName, w: HistoryWindow) => `${serverId}\u0000${name}\u0000${w.resolution}\u0000${w.stepMs}`;

export class HistoryService {
  private readonly cache = new BucketCache();

  constructor(private readonly deps: HistoryDeps) {}

  private buckets(serverId: string, name: MetricName, w: HistoryWindow) {
    return this.cache.get(cacheKey(serverId, name, w), w.fromMs, w.toMs + 1, w.stepMs, w.toMs, (since) => this.deps.log.metricBuckets(serverId, name, readResolution(w), w.stepMs, since, w.toMs + 1));
  }

  /** One metric for many servers: one statement from the earliest unfinished step, cached per server. */
  private bucketsOfMany(serverIds: readonly string[], name: MetricName, w: HistoryWindow): Map<string, RollupBucket[]> {
    const out = new Map<string, RollupBucket[]>();
    if (serverIds.length === 0) return out;
    const start = Math.floor(w.fromMs / w.stepMs) * w.stepMs;
    const since = Math.min(...serverIds.map((id) => this.cache.readFrom(cacheKey(id, name, w), start)));
    for (const id of serverIds) out.set(id, this.cache.kept(cacheKey(id, name, w), start, since));
    for (const b of this.deps.log.metricBucketsOfMany(serverIds, name, readResolution(w), w.stepMs, since, w.toMs + 1)) {
      const { serverId, ...bucket } = b;
      out.get(serverId)?.push(bucket);
    }
    for (const [id, buckets] of out) this.cache.put(cacheKey(id, name, w), buckets, w.toMs, w.stepMs, w.toMs + 1);
    return out;
  }

  series(serverId: string, range: HistoryRange, names: readonly HistorySeriesName[]): MetricHistory {
    const window = historyWindow(range, this.deps.clock.now());
    const rows = (name: MetricName) => this.buckets(serverId, name, window);
    const series = names.map((name) => ({
      name,
      points: name === 'blockedPercent' ? blockedPercentSeries(window, rows('queriesToday'), rows('blockedToday')) : averageSeries(window, rows(name)),
    }));
    return { window, series };
  }

  annotations(serverId: string, range: HistoryRange): Annotations {
    const window = historyWindow(range, this.deps.clock.now());
    const filter: EventFilter = { servers: [serverId], types: [...ANNOTATED_EVENT_TYPES], since: iso(window.fromMs), until: iso(window.toMs + 1) };
    const page = this.deps.log.query(filter, null, MAX_ANNOTATION_EVENTS);
    // A maintenance span is stored at its start, which may lie before the range (a week at most).
    const maintenance = this.deps.log.query({ servers: [serverId], types: [DERIVED.maintenanceWindow], since: iso(window.fromMs - 7 * DAY), until: iso(window.fromMs) }, null, 50).items;
    const omitted = page.nextCursor ? this.deps.log.count(filter) - page.items.length : 0;
    const gaps = this.deps.log.gaps(serverId, window.fromMs, window.toMs + 1);
    const status = this.deps.statuses().find((s) => s.serverId === serverId);
    const annotations = buildAnnotations(window, { events: [...maintenance, ...page.items], gaps, maintenance: this.deps.maintenance(), status, serverId });
    return { window, annotations, omitted };
  }

  forwarders(serverId: string, range: HistoryRange): ForwarderHistory {
    const window = historyWindow(range, this.deps.clock.now());
    const types = [DERIVED.forwarderStatusChange];
    const changes = this.deps.log.query({ servers: [serverId], types, since: iso(window.fromMs), until: iso(window.toMs + 1) }, null, MAX_FORWARDER_CHANGES).items;
    const before = this.deps.log.query({ servers: [serverId], types, until: iso(window.fromMs) }, null, PRIOR_CHANGES).items;
    const current = this.deps.statuses().find((s) => s.serverId === serverId)?.forwarders ?? [];
    const healthy = this.buckets(serverId, 'forwardersHealthy', window);
    const total = this.buckets(serverId, 'forwardersTotal', window);
    return { window, forwarders: forwarderTimelines(window, { changes, before, current, healthy, total }) };
  }

  fleet(range: HistoryRange): FleetHistory {
    const window = historyWindow(range, this.deps.clock.now());
    const watched = this.deps.statuses().filter((s) => s.state !== 'disabled');
    const ids = watched.map((s) => s.serverId);
    const [qps, queries, blocked] = (['qps', 'queriesToday', 'blockedToday'] as const).map((name) => this.bucketsOfMany(ids, name, window));
    return fleetHistory(
      window,
      watched.map((s) => ({ serverId: s.serverId, name: s.name, qps: qps!.get(s.serverId) ?? [], queries: queries!.get(s.serverId) ?? [], blocked: blocked!.get(s.serverId) ?? [] })),
    );
  }

  matrix(): ForwarderMatrix {
    return forwarderMatrix(this.deps.statuses(), this.deps.verdicts());
  }
}
