/**
 * REST snapshot on every (re)connect and polling every pollSeconds (§5.3, §7.3): forwarder health,
 * dashboard health alerts (stable ids), BIND status, dashboard stats, zones, recent threats.
 * Requests run one after the other (nginx allows 10 r/s) and the poll is skipped while the
 * fail2ban budget is spent. A 401 on an authenticated endpoint asks the session to re-auth.
 */
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { MetricName } from '../../../shared/domain/metrics';
import type { SnapshotDiffer } from '../hybrid-dns/differ';
import type { RestClient, RestResult } from '../hybrid-dns/RestClient';
import { toForwarderSnapshot, type Signal } from '../hybrid-dns/signals';
import {
  BindStatusSchema,
  DashboardAlertsSchema,
  DashboardStatsSchema,
  ForwarderHealthSnapshotSchema,
  SecurityLiveSchema,
  SystemBindStatusSchema,
  ZonesPageSchema,
  type Zone,
} from '../hybrid-dns/wire/rest';
import type { Logger } from '../platform';
import type { PollRecord } from '../../../shared/domain/inspector';

export interface PollSink {
  events(events: FleetEvent[]): void;
  signal(signal: Signal): void;
  metric(name: MetricName, t: number, v: number): void;
}

/**
 * Zones per page (the server's maximum) and the most one poll holds: 50,000 zones in 50 requests.
 * A page larger than asked for, or a list past the cap, is not the server we know (a hostile one
 * sent 90,000 names a page with has_next forever and the app grew past 2 GB): stop, skip the diff.
 */
const ZONE_PAGE = 1000;
const MAX_ZONES = 50_000;

export type PollOutcome = { kind: 'ok'; failures: number } | { kind: 'unauthorized' } | { kind: 'unreachable'; detail: string };

export class Poller {
  /** Previous queries-today sample: the legacy stack pushes no query_update, so QPS comes from its delta. */
  private lastQueries: { at: number; total: number } | null = null;
  private warnedZoneCap = false;
  /** Hears every poll's timing and outcome (the connection inspector). */
  onPolled: ((record: PollRecord) => void) | null = null;

  constructor(
    private readonly differ: SnapshotDiffer,
    private readonly sink: PollSink,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  async poll(rest: RestClient, token: string): Promise<PollOutcome> {
    const started = this.now();
    let error: string | null = null;
    const outcome = await this.run(rest, token, (e) => (error ??= e));
    const failures = outcome.kind === 'ok' ? outcome.failures : 1;
    const kind = outcome.kind === 'ok' ? (failures === 0 ? 'ok' : 'partial') : outcome.kind;
    this.onPolled?.({ at: new Date(started).toISOString(), durationMs: Math.max(0, this.now() - started), outcome: kind, failures, error });
    return outcome;
  }

  private async run(rest: RestClient, token: string, failed: (error: string) => void): Promise<PollOutcome> {
    const steps: Array<() => Promise<RestResult>> = [
      () => this.step(rest.get('/api/forwarders/health/summary', token), (b) => this.forwarders(b)),
      () => this.step(rest.get('/api/dashboard/health-alerts', token), (b) => this.alerts(b)),
      () => this.step(rest.get('/api/dashboard/bind-status', token), (b) => this.bind(rest, token, b)),
      () => this.step(rest.get('/api/dashboard/stats', token), (b) => this.stats(b)),
      () => this.allZones(rest, token),
      () => this.step(rest.get('/api/realtime/security/live?hours=1', token), (b) => this.threats(b)),
    ];
    let failures = 0;
    for (const run of steps) {
      const r = await run();
      if (r.ok) continue;
      failed(r.error);
      if (r.status === 401) return { kind: 'unauthorized' };
      if (r.status === null && failures === 0 && run === steps[0]) return { kind: 'unreachable', detail: r.error };
      failures++;
      // A budget-counted failure: stop this round rather than spend more of the fail2ban budget.
      if (r.banCounted) break;
    }
    return { kind: 'ok', failures };
  }

  private async step(req: Promise<RestResult>, use: (body: unknown) => void | Promise<void>): Promise<RestResult> {
    const r = await req;
    if (r.ok) {
      try {
        await use(r.body);
      } catch (e) {
        this.logger.warn('snapshot not understood', { error: (e as Error).message });
      }
    }
    return r;
  }

  private forwarders(body: unknown): void {
    const p = ForwarderHealthSnapshotSchema.safeParse(body);
    if (!p.success) return this.logger.warn('forwarder summary not understood');
    const at = this.now();
    const list = p.data.forwarder_details.map(toForwarderSnapshot);
    this.sink.signal({ kind: 'forwarders', at, forwarders: list });
  }

  private alerts(body: unknown): void {
    const p = DashboardAlertsSchema.safeParse(body);
    if (p.success) this.sink.events(this.differ.diffHealthAlerts(p.data.alerts, this.now()));
  }

  private async bind(rest: RestClient, token: string, body: unknown): Promise<void> {
    const p = BindStatusSchema.safeParse(body);
    if (!p.success) return;
    let running = p.data.status === 'active';
    // Q19: a stopped BIND usually reports "unknown"; confirm with /api/system/bind/status.
    if (!running) {
      const alt = await rest.get('/api/system/bind/status', token);
      const parsed = alt.ok ? SystemBindStatusSchema.safeParse(alt.body) : null;
      if (parsed?.success) running = parsed.data.data.running;
    }
    const at = this.now();
    this.sink.events(this.differ.diffBind(running, at, 'rest'));
    this.sink.metric('bindRunning', at, running ? 1 : 0);
  }

  private stats(body: unknown): void {
    const p = DashboardStatsSchema.safeParse(body);
    if (!p.success) return;
    const at = this.now();
    if (p.data.queries) {
      const total = p.data.queries.total_today;
      this.sink.metric('queriesToday', at, total);
      this.sink.metric('blockedToday', at, p.data.queries.blocked_today);
      const prev = this.lastQueries;
      // A smaller total means the server's day rolled over (or it restarted): no rate for that step.
      if (prev && at > prev.at && total >= prev.total) this.sink.metric('qps', at, Math.round(((total - prev.total) / ((at - prev.at) / 1000)) * 100) / 100);
      this.lastQueries = { at, total };
    }
  }

  /**
   * Every page of zones, then one diff. A partial list would read as deleted zones, so a failed
   * page, a page not understood, or a list past the caps skips the zone diff this round.
   */
  private async allZones(rest: RestClient, token: string): Promise<RestResult> {
    const zones: Zone[] = [];
    for (;;) {
      const r = await rest.get(`/api/zones/?limit=${ZONE_PAGE}&skip=${zones.length}&active_only=false`, token);
      if (!r.ok) return r;
      const p = ZonesPageSchema.safeParse(r.body);
      if (!p.success) {
        this.logger.warn('zone list not understood');
        return r;
      }
      const items = p.data.items;
      if (items.length > ZONE_PAGE || zones.length + items.length > MAX_ZONES) return this.zoneCapReached(zones.length + items.length);
      // Only the fields the differ compares: a loose object would keep whatever else the server sent.
      for (const z of items) zones.push({ id: z.id, name: z.name, serial: z.serial, is_active: z.is_active, updated_at: z.updated_at });
      if (p.data.has_next !== true || items.length === 0) {
        this.sink.events(this.differ.diffZones(zones, this.now()));
        return r;
      }
    }
  }

  private zoneCapReached(seen: number): RestResult {
    if (!this.warnedZoneCap)
      this.logger.warn('zone list larger than one poll may hold; zone changes are not derived', { seen, maxZones: MAX_ZONES, pageSize: ZONE_PAGE });
    this.warnedZoneCap = true;
    return { ok: true, status: 200, body: null };
  }

  private threats(body: unknown): void {
    const p = SecurityLiveSchema.safeParse(body);
    if (p.success) this.sink.events(this.differ.diffThreats(p.data.recent_threats, this.now()));
  }
}
