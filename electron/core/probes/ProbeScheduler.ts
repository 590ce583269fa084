/**
 * Runs each server's probe set on its own jittered timer: at most one set in flight per server (a
 * tick that finds the previous set still running is skipped and counted), at most `maxConcurrent`
 * queries in flight fleet-wide, every query bounded by `timeoutMs`. Results are kept per server
 * (the Probes tab) and announced (onDidComplete) for the judge, the metrics and the exporter.
 */
import type { ServerProbes } from '../../../shared/domain/probe';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { Clock, Logger, TimerHandle } from '../platform';
import { Emitter, type Event } from '../util/Emitter';
import { queryDns, type DnsQuestion, type DnsResult } from './dnsQuery';
import { assessDotTrust, type DotTrust } from './dotTrust';
import { buildProbeSet, judge, probeTarget, UNKNOWN_DNS_ADDRESS, type ProbeTarget, type ServerFacts } from './probeSet';
import type { ProbeSettings } from './probeSettings';
import { Semaphore } from './Semaphore';

export interface ProbeSetDone {
  serverId: string;
  /** Epoch ms the set finished. */
  at: number;
  results: ServerProbes['results'];
}

export interface ProbeSchedulerDeps {
  clock: Clock;
  logger: Logger;
  settings: () => ProbeSettings;
  /** Zones and forwarder types the server last reported; null when nothing is known yet. */
  facts: (serverId: string) => ServerFacts | null;
  query?: (q: DnsQuestion) => Promise<DnsResult>;
  /** The fingerprint the server's API connection trusts now; the configured pin when not given. */
  pinOf?: (serverId: string) => string | undefined;
  random?: () => number;
}

interface Entry {
  config: ServerConfig;
  target: ProbeTarget;
  timer: TimerHandle | null;
  /** When the armed timer fires (epoch ms). */
  dueAt: number;
  inFlight: boolean;
  view: ServerProbes;
}

const JITTER = 0.1;

export class ProbeScheduler {
  private readonly servers = new Map<string, Entry>();
  /** Configured servers not probed, and why. */
  private unprobed = new Map<string, string>();
  private readonly limiter: Semaphore;
  private readonly doneE: Emitter<ProbeSetDone>;
  readonly onDidComplete: Event<ProbeSetDone>;
  private readonly random: () => number;
  private readonly query: (q: DnsQuestion) => Promise<DnsResult>;
  /** Ticks skipped because the previous set of that server was still running. */
  skipped = 0;
  private disposed = false;
  private configs: readonly ServerConfig[] = [];
  private applied: ProbeSettings;

  constructor(private readonly deps: ProbeSchedulerDeps) {
    this.applied = { ...deps.settings() };
    this.limiter = new Semaphore(this.applied.maxConcurrent);
    this.doneE = new Emitter<ProbeSetDone>((err) => deps.logger.error('probe listener failed', { err }));
    this.onDidComplete = this.doneE.event;
    this.random = deps.random ?? Math.random;
    this.query = deps.query ?? queryDns;
  }

  /** The servers to probe now: new ones start at a random point of the interval, removed ones stop. */
  setServers(configs: readonly ServerConfig[]): void {
    this.configs = configs;
    const wanted = new Map<string, { config: ServerConfig; target: ProbeTarget }>();
    this.unprobed = new Map();
    for (const c of configs) {
      const target = this.probes(c) ? probeTarget(c) : null;
      if (target) wanted.set(c.id, { config: c, target });
      else this.unprobed.set(c.id, this.whyNot(c));
    }
    for (const [id, e] of this.servers) {
      if (wanted.has(id)) continue;
      if (e.timer) this.deps.clock.clearTimeout(e.timer);
      this.servers.delete(id);
    }
    for (const [id, { config, target }] of wanted) {
      const e = this.servers.get(id);
      if (e) {
        Object.assign(e, { config, target });
        e.view = { ...e.view, target: describeTarget(target) };
        continue;
      }
      const entry: Entry = { config, target, timer: null, dueAt: 0, inFlight: false, view: this.emptyView(config.id, target) };
      this.servers.set(id, entry);
      this.schedule(id, entry, this.random() * this.intervalMs());
    }
  }

  /**
   * The probe settings changed while running (Settings page, another process's settings.json): on/off
   * applies to the servers now, the fleet-wide limit at once, and a shorter interval re-arms a timer
   * due later than the new interval would put it, so the next tick follows the new cadence. Timeouts
   * and names are read at each set anyway.
   */
  applySettings(): void {
    const before = this.applied;
    this.applied = { ...this.deps.settings() };
    if (this.applied.maxConcurrent !== before.maxConcurrent) this.limiter.setLimit(this.applied.maxConcurrent);
    if (this.applied.enabled !== before.enabled) this.setServers(this.configs);
    if (this.applied.intervalSeconds >= before.intervalSeconds) return;
    const now = this.deps.clock.now();
    for (const [id, e] of this.servers) {
      const delay = this.random() * this.intervalMs();
      if (e.timer === null || now + delay >= e.dueAt) continue;
      this.deps.clock.clearTimeout(e.timer);
      this.schedule(id, e, delay);
    }
  }

  /** What the Probes tab shows; a server not probed says so (target null, or lastSetAt null). */
  view(serverId: string): ServerProbes {
    const e = this.servers.get(serverId);
    return e ? e.view : { serverId, intervalMs: this.intervalMs(), lastSetAt: null, target: null, unprobed: this.unprobed.get(serverId) ?? 'not a configured server', results: [] };
  }

  /** Runs one server's set now (tests, and "probe now"); resolves when it is done or skipped. */
  async runNow(serverId: string): Promise<boolean> {
    const e = this.servers.get(serverId);
    if (!e || e.inFlight) return false;
    await this.runSet(serverId, e);
    return true;
  }

  /** The DoT port held to the API connection's trust (dotTrust.ts); never rejects. */
  private async dotTrust(id: string, config: ServerConfig, target: ProbeTarget, timeoutMs: number): Promise<DotTrust> {
    const pin = this.deps.pinOf?.(id) ?? config.tls?.fingerprint256;
    try {
      return await assessDotTrust(config, pin, target, timeoutMs);
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : 'error' };
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const e of this.servers.values()) if (e.timer) this.deps.clock.clearTimeout(e.timer);
    this.servers.clear();
    this.doneE.dispose();
  }

  private probes(c: ServerConfig): boolean {
    return this.deps.settings().enabled && c.enabled && c.dns?.enabled !== false;
  }

  private whyNot(c: ServerConfig): string {
    if (!c.enabled) return 'monitoring of this server is off';
    if (!this.deps.settings().enabled) return 'DNS probes are off in the settings (probes.enabled)';
    if (c.dns?.enabled === false) return 'DNS probes are off for this server (dns.enabled)';
    return UNKNOWN_DNS_ADDRESS;
  }

  private intervalMs(): number {
    return this.deps.settings().intervalSeconds * 1000;
  }

  private emptyView(serverId: string, target: ProbeTarget): ServerProbes {
    return { serverId, intervalMs: this.intervalMs(), lastSetAt: null, target: describeTarget(target), results: [] };
  }

  private schedule(id: string, e: Entry, delayMs: number): void {
    e.dueAt = this.deps.clock.now() + Math.max(0, delayMs);
    e.timer = this.deps.clock.setTimeout(() => this.tick(id, e), Math.max(0, delayMs));
  }

  /** The next tick is armed first: a slow set never stretches the cadence, it only skips ticks. */
  private tick(id: string, e: Entry): void {
    if (this.disposed || this.servers.get(id) !== e) return;
    const interval = this.intervalMs();
    this.schedule(id, e, interval * (1 - JITTER + 2 * JITTER * this.random()));
    if (e.inFlight) {
      this.skipped++;
      return;
    }
    void this.runSet(id, e).catch((err: unknown) => this.deps.logger.error('probe set failed', { serverId: id, err }));
  }

  private async runSet(id: string, e: Entry): Promise<void> {
    e.inFlight = true;
    try {
      const settings = this.deps.settings();
      const target = e.target;
      const facts = this.deps.facts(id) ?? { zones: [], forwarderTypes: [] };
      const specs = buildProbeSet(e.config, facts, settings);
      const trust = target.transport === 'tls' ? await this.limiter.run(() => this.dotTrust(id, e.config, target, settings.timeoutMs)) : null;
      const results = await Promise.all(
        specs.map(async (spec) => {
          if (spec.notConfigured) return judge(spec, null, target, settings.timeoutMs, this.deps.clock.now());
          const r = await this.limiter.run(() => this.ask(target, trust, spec.name, spec.qtype, settings.timeoutMs));
          return judge(spec, r, target, settings.timeoutMs, this.deps.clock.now());
        }),
      );
      if (this.disposed || this.servers.get(id) !== e) return;
      const at = this.deps.clock.now();
      e.view = { serverId: id, intervalMs: this.intervalMs(), lastSetAt: new Date(at).toISOString(), target: describeTarget(target), results };
      this.doneE.fire({ serverId: id, at, results });
    } finally {
      e.inFlight = false;
    }
  }

  /** Never rejects: an untrusted DoT certificate or a client error is this probe's failure, said as such. */
  private async ask(target: ProbeTarget, trust: DotTrust | null, name: string, qtype: 'A' | 'SOA', timeoutMs: number): Promise<DnsResult> {
    if (trust && !trust.ok) return { ok: false, error: trust.error, latencyMs: 0, transport: target.transport };
    try {
      const tls = trust?.ok ? trust.tls : undefined;
      return await this.query({ host: target.host, port: target.port, name, type: qtype, transport: target.transport, timeoutMs, tls });
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : 'error', latencyMs: 0, transport: target.transport };
    }
  }
}

const describeTarget = (t: ProbeTarget): string => `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port} over ${t.transport.toUpperCase()}`;
