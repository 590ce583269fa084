/**
 * Active DNS probes of the fleet, composed: the scheduler asks, the judge and the drift detector
 * turn answers into transition events (to the event log and the alert engine, like every event),
 * and each finished set becomes two metric points per server (bounded: one set per interval):
 * `probeLatencyMs` (the slowest answered probe) and `probeSuccess` (share of probes answered as
 * they should be), which the metrics store, the event log's rollups and the charts keep.
 */
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { MetricName } from '../../../shared/domain/metrics';
import type { ServerProbes } from '../../../shared/domain/probe';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { Clock, Logger } from '../platform';
import type { Event } from '../util/Emitter';
import type { DnsQuestion, DnsResult } from './dnsQuery';
import { ProbeJudge } from './ProbeJudge';
import { ProbeScheduler, type ProbeSetDone } from './ProbeScheduler';
import type { ProbeSettings } from './probeSettings';
import { SoaDrift } from './SoaDrift';

export interface ProbeServiceDeps {
  clock: Clock;
  logger: Logger;
  settings: () => ProbeSettings;
  /** The server's last REST facts: zones (with serials) and forwarder types. */
  zones: (serverId: string) => readonly { name: string; serial: number | null }[];
  status: (serverId: string) => ServerStatus | undefined;
  openKeys: (serverId: string) => ReadonlySet<string>;
  emit: (events: FleetEvent[]) => void;
  metric: (serverId: string, name: MetricName, t: number, v: number) => void;
  /** The connection alert's grace: an API silent this long while DNS answers is "API down". */
  apiGraceMs: number;
  query?: (q: DnsQuestion) => Promise<DnsResult>;
  /** The pin the server's API connection trusts now (DoT probes are held to it). */
  pinOf?: (serverId: string) => string | undefined;
  random?: () => number;
}

/** A serial not seen again within this many intervals is too old to compare. */
const DRIFT_STALE_INTERVALS = 4;

export class ProbeService {
  readonly scheduler: ProbeScheduler;
  private readonly judge: ProbeJudge;
  private readonly drift: SoaDrift;
  readonly onDidComplete: Event<ProbeSetDone>;
  private readonly stop: () => void;
  private known = new Set<string>();

  constructor(private readonly deps: ProbeServiceDeps) {
    const now = () => deps.clock.now();
    const serverName = (id: string) => deps.status(id)?.name ?? id;
    this.scheduler = new ProbeScheduler({
      clock: deps.clock,
      logger: deps.logger,
      settings: deps.settings,
      facts: (id) => ({ zones: deps.zones(id), forwarderTypes: (deps.status(id)?.forwarders ?? []).map((f) => f.type) }),
      query: deps.query,
      pinOf: deps.pinOf,
      random: deps.random,
    });
    this.onDidComplete = this.scheduler.onDidComplete;
    this.judge = new ProbeJudge({ now, emit: deps.emit, openKeys: deps.openKeys, serverName, apiGraceMs: deps.apiGraceMs });
    this.drift = new SoaDrift({
      now,
      emit: deps.emit,
      graceMs: () => deps.settings().driftGraceSeconds * 1000,
      staleAfterMs: () => deps.settings().intervalSeconds * 1000 * DRIFT_STALE_INTERVALS,
      serverName,
      openKeys: deps.openKeys,
    });
    this.stop = this.scheduler.onDidComplete((done) => this.onSet(done));
  }

  /** Configured servers: one removed is forgotten by the judge and the drift detector too. */
  setServers(configs: readonly ServerConfig[]): void {
    const configured = new Set(configs.map((c) => c.id as string));
    for (const id of this.known) if (!configured.has(id)) this.forget(id);
    this.known = configured;
    this.scheduler.setServers(configs);
  }

  /** The probe settings changed while running: see ProbeScheduler.applySettings. */
  applySettings(): void {
    this.scheduler.applySettings();
  }

  onServerStatus(status: ServerStatus): void {
    this.judge.onServerStatus(status);
  }

  view(serverId: string): ServerProbes {
    return this.scheduler.view(serverId);
  }

  dispose(): void {
    this.stop();
    this.scheduler.dispose();
  }

  private forget(serverId: string): void {
    this.judge.forget(serverId);
    this.drift.forget(serverId);
  }

  private onSet(done: ProbeSetDone): void {
    this.judge.onProbeSet(done);
    const serials = this.serials(done);
    this.drift.observe(done.serverId, serials);
    this.drift.evaluate(serials.keys());
    const ran = done.results.filter((r) => r.outcome !== 'not-configured');
    if (ran.length === 0) return;
    const latencies = ran.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs]));
    if (latencies.length > 0) this.deps.metric(done.serverId, 'probeLatencyMs', done.at, Math.max(...latencies));
    this.deps.metric(done.serverId, 'probeSuccess', done.at, ran.filter((r) => r.healthy).length / ran.length);
  }

  /** REST serials, overridden by what the server's DNS answered (what clients really get). */
  private serials(done: ProbeSetDone): Map<string, number> {
    const out = new Map<string, number>();
    for (const z of this.deps.zones(done.serverId)) if (z.serial !== null) out.set(z.name.toLowerCase(), z.serial);
    for (const r of done.results) if (r.kind === 'soa' && r.serial !== null) out.set(r.name, r.serial);
    return out;
  }
}
