/**
 * Prometheus exposition of the fleet (prom-client, a private Registry). Gauges are filled on each
 * scrape from the core's current snapshots (FleetReadings), so /metrics never disagrees with what
 * the UI and the CLI show; only the event counter accumulates, from committed events.
 *
 * Honest state: bind_running, forwarder_healthy and queries_per_second repeat what a server last
 * said, so they are exported only while that server is live. A silent server is `live 0` and has
 * no "healthy" series left to mislead an alert rule.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Alert } from '../../../shared/domain/alert';
import type { QpsBaselineView } from '../../../shared/domain/analytics';
import { SEVERITIES, type FleetEvent } from '../../../shared/domain/fleetEvent';
import type { ServerProbes } from '../../../shared/domain/probe';
import { SERVER_STATES, type ServerStatus } from '../../../shared/domain/serverState';
import { VERDICT_LEVELS, type ServerVerdict } from '../../../shared/domain/verdict';

/** What one scrape reads: the same snapshots the hosts carry to the UI. */
export interface FleetReadings {
  servers: readonly ServerStatus[];
  /** Alerts not yet resolved. */
  openAlerts: readonly Alert[];
  /** The latest queries-per-second reading of a live server, if it sent one. */
  qps: ReadonlyMap<string, number>;
  /** The QPS baselines (analytics/QpsWatch.ts); absent where the host has none. */
  baselines?: readonly QpsBaselineView[];
  /** The core's verdict per server (VerdictService): the one judgement the UI, tray and CLI show; absent: none exported. */
  verdicts?: readonly ServerVerdict[];
}

export interface FleetReadingsSource {
  read(): Promise<FleetReadings>;
}

export interface FleetExporterOptions {
  source: FleetReadingsSource;
  /** The process's own metrics (CPU, memory, event loop, GC); off in benches and unit tests. */
  processMetrics?: boolean;
}

/** A hostile server could report thousands of forwarders; more than this per server are not exported. */
export const MAX_FORWARDERS_PER_SERVER = 64;

export class FleetExporter {
  readonly registry = new Registry();
  private readonly source: FleetReadingsSource;
  private readonly info: Gauge<'server' | 'name'>;
  private readonly live: Gauge<'server'>;
  private readonly state: Gauge<'server' | 'state'>;
  private readonly verdict: Gauge<'server' | 'level'>;
  private readonly bindRunning: Gauge<'server'>;
  private readonly forwarderHealthy: Gauge<'server' | 'forwarder'>;
  private readonly qps: Gauge<'server'>;
  private readonly alertsOpen: Gauge<'server' | 'severity'>;
  private readonly qpsBaseline: Gauge<'server'>;
  private readonly qpsAnomaly: Gauge<'server'>;
  private readonly events: Counter<'server' | 'category' | 'severity'>;
  private readonly probeLatency: Histogram<'server' | 'probe'>;
  private readonly probeSuccess: Gauge<'server' | 'probe'>;
  /** The last probe set per server: success is exported for configured servers only. */
  private readonly lastProbes = new Map<string, ServerProbes>();

  constructor(opts: FleetExporterOptions) {
    this.source = opts.source;
    const registers = [this.registry];
    const gauge = <L extends string>(name: string, help: string, labelNames: L[]) => new Gauge<L>({ name, help, labelNames, registers });
    this.info = gauge('dnsfleet_server_info', 'Configured server (value 1): its display name', ['server', 'name']);
    this.live = gauge('dnsfleet_server_live', '1 while data from the server arrives within the watchdog window, else 0', ['server']);
    this.state = gauge('dnsfleet_server_state', '1 for the current connection state of the server, 0 for the others', ['server', 'state']);
    this.verdict = gauge('dnsfleet_server_verdict', "1 for the server's current verdict level (the app's one judgement), 0 for the others", ['server', 'level']);
    this.bindRunning = gauge('dnsfleet_bind_running', 'BIND9 running as the live server reports it (1/0)', ['server']);
    this.forwarderHealthy = gauge('dnsfleet_forwarder_healthy', 'Forwarder healthy as the live server reports it (1/0)', ['server', 'forwarder']);
    this.qps = gauge('dnsfleet_queries_per_second', 'Current query rate the live server reports', ['server']);
    this.alertsOpen = gauge('dnsfleet_alerts_open', 'Alerts not yet resolved (active, acknowledged or snoozed)', ['server', 'severity']);
    this.qpsBaseline = gauge('dnsfleet_qps_baseline', 'Usual query rate for this hour of the week (absent while the baseline is learning)', ['server']);
    this.qpsAnomaly = gauge('dnsfleet_qps_anomaly', '1 while the query rate is outside its usual band, 0 inside (absent while learning or the rate is unknown)', ['server']);
    this.events = new Counter({
      name: 'dnsfleet_events_total',
      help: 'Events stored in the event log since this process started',
      labelNames: ['server', 'category', 'severity'],
      registers,
    });
    this.probeLatency = new Histogram({
      name: 'dnsfleet_probe_latency_seconds',
      help: 'Latency of answered active DNS probes, from this monitor to the server',
      labelNames: ['server', 'probe'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.probeSuccess = gauge('dnsfleet_probe_success', 'Last active DNS probe answered as it should be (1/0)', ['server', 'probe']);
    if (opts.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** A finished probe set (push probes:onDidComplete): latencies into the histogram, success kept for scrapes. */
  observeProbes(view: ServerProbes): void {
    this.lastProbes.set(view.serverId, view);
    for (const r of view.results) if (r.latencyMs !== null) this.probeLatency.observe({ server: view.serverId, probe: r.probe }, r.latencyMs / 1000);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Counts events once they are committed to the event log. */
  countEvents(events: readonly Pick<FleetEvent, 'serverId' | 'category' | 'severity'>[]): void {
    for (const e of events) this.events.inc({ server: e.serverId, category: e.category, severity: e.severity });
  }

  /** One scrape: read the snapshots, refill every gauge, render the text format. */
  async scrape(): Promise<string> {
    this.fill(await this.source.read());
    return this.registry.metrics();
  }

  private fill(readings: FleetReadings): void {
    for (const g of [this.info, this.live, this.state, this.verdict, this.bindRunning, this.forwarderHealthy, this.qps, this.alertsOpen, this.qpsBaseline, this.qpsAnomaly, this.probeSuccess]) g.reset();
    for (const b of readings.baselines ?? []) this.fillBaseline(b);
    for (const s of readings.servers) this.fillServer(s, readings.qps.get(s.serverId));
    for (const s of readings.servers) this.fillProbes(s.serverId);
    const known = new Set(readings.servers.map((s) => s.serverId));
    // Only for configured servers: a verdict of a server just removed has no series to keep.
    for (const v of readings.verdicts ?? []) {
      if (!known.has(v.serverId)) continue;
      for (const level of VERDICT_LEVELS) this.verdict.set({ server: v.serverId, level }, level === v.level ? 1 : 0);
    }
    for (const server of known) for (const severity of SEVERITIES) this.alertsOpen.set({ server, severity }, 0);
    for (const a of readings.openAlerts) if (a.status !== 'resolved') this.alertsOpen.inc({ server: a.serverId, severity: a.severity });
  }

  private fillBaseline(b: QpsBaselineView): void {
    if (b.expectedQps !== null) this.qpsBaseline.set({ server: b.serverId }, b.expectedQps);
    if (b.state === 'low' || b.state === 'high') this.qpsAnomaly.set({ server: b.serverId }, 1);
    else if (b.state === 'normal' || b.state === 'quiet') this.qpsAnomaly.set({ server: b.serverId }, 0);
  }

  private fillProbes(server: string): void {
    for (const r of probedResults(this.lastProbes.get(server))) this.probeSuccess.set({ server, probe: r.probe }, r.healthy ? 1 : 0);
  }

  private fillServer(s: ServerStatus, qps: number | undefined): void {
    const server = s.serverId;
    this.info.set({ server, name: s.name }, 1);
    const isLive = s.state === 'live';
    this.live.set({ server }, isLive ? 1 : 0);
    for (const state of SERVER_STATES) this.state.set({ server, state }, state === s.state ? 1 : 0);
    if (!isLive) return;
    if (s.bindRunning !== null) this.bindRunning.set({ server }, s.bindRunning ? 1 : 0);
    if (qps !== undefined && Number.isFinite(qps)) this.qps.set({ server }, qps);
    for (const [forwarder, healthy] of forwarderLabels(s)) this.forwarderHealthy.set({ server, forwarder }, healthy ? 1 : 0);
  }
}

/** Probes that ran (a probe not configured has no success to report). */
function probedResults(view: ServerProbes | undefined): ServerProbes['results'] {
  return (view?.results ?? []).filter((r) => r.outcome !== 'not-configured');
}

/** Forwarders by name; a repeated name gets its id appended so no two series collapse into one. */
function forwarderLabels(s: ServerStatus): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const f of s.forwarders.slice(0, MAX_FORWARDERS_PER_SERVER)) {
    const label = out.has(f.name) ? `${f.name} (id ${f.id})` : f.name;
    out.set(label, f.status === 'healthy');
  }
  return out;
}
