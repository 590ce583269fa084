/**
 * Where the facts carried by frames and polls go: metrics series, the differ (which turns
 * transitions into derived events) and the visible status (forwarders, BIND).
 */
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { SnapshotDiffer } from '../hybrid-dns/differ';
import type { Signal } from '../hybrid-dns/signals';
import type { MetricsStore } from '../metrics/MetricsStore';
import type { StatusTracker } from './StatusTracker';

export class SignalRouter {
  constructor(
    private readonly serverId: string,
    private readonly metrics: MetricsStore,
    private readonly differ: SnapshotDiffer,
    private readonly tracker: StatusTracker,
    private readonly emit: (events: FleetEvent[]) => void,
  ) {}

  apply(s: Signal): void {
    if (s.kind === 'queries') return this.queries(s);
    if (s.kind === 'system') return this.system(s);
    this.forwarders(s);
  }

  private queries(s: Extract<Signal, { kind: 'queries' }>): void {
    this.metrics.append(this.serverId, 'qps', s.at, s.qps);
    this.metrics.append(this.serverId, 'queriesToday', s.at, s.queriesToday);
    this.metrics.append(this.serverId, 'blockedToday', s.at, s.blockedToday);
  }

  private system(s: Extract<Signal, { kind: 'system' }>): void {
    this.metrics.append(this.serverId, 'cpu', s.at, s.cpu);
    this.metrics.append(this.serverId, 'memory', s.at, s.memory);
    this.metrics.append(this.serverId, 'disk', s.at, s.disk);
    // Unified system_metrics says nothing about BIND (null): only legacy system_status does.
    if (s.bindRunning === null) return;
    this.metrics.append(this.serverId, 'bindRunning', s.at, s.bindRunning ? 1 : 0);
    this.emit(this.differ.diffBind(s.bindRunning, s.at, 'system_status'));
    this.tracker.patch({ bindRunning: s.bindRunning, healthAt: iso(s.at) });
  }

  private forwarders(s: Extract<Signal, { kind: 'forwarders' }>): void {
    this.emit(this.differ.diffForwarders(s.forwarders, s.at));
    this.metrics.append(this.serverId, 'forwardersHealthy', s.at, s.forwarders.filter((f) => f.status === 'healthy').length);
    this.metrics.append(this.serverId, 'forwardersTotal', s.at, s.forwarders.length);
    this.tracker.patch({ forwarders: this.differ.currentForwarders(), healthAt: iso(s.at) });
  }

  /** BIND state learnt from a REST poll lands in the differ first; mirror it in the status. */
  syncBind(at: number): void {
    const bind = this.differ.currentBind();
    if (bind !== null) this.tracker.patch({ bindRunning: bind, healthAt: iso(at) });
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();
