/**
 * Turns finished probe sets (and the API's state) into transition events (category dns) that the
 * alert engine rules on (alerts/probeSignals.ts) and the event log keeps:
 * - DNS silent while the API is live (every probe that ran got no answer): critical, cleared by an answer;
 * - the API down while DNS answers: said as such, cleared when the API answers again (live, or refusing us in a way a person must fix) or DNS stops answering;
 * - a probe's latency above its baseline band (LatencyBaseline) for LATENCY_SETS sets in a row;
 * - the blocked name resolving.
 * Conditions start unknown: the first set raises what is bad, and clears only what is open (a restart).
 */
import type { FleetEvent, Severity } from '../../../shared/domain/fleetEvent';
import { PROBE_EVENT, type ProbeResult } from '../../../shared/domain/probe';
import { NEEDS_USER, type ServerStatus } from '../../../shared/domain/serverState';
import { newEventId } from '../hybrid-dns/eventIds';
import { LatencyBaseline } from './LatencyBaseline';
import type { ProbeSetDone } from './ProbeScheduler';

/** Sets in a row above the band before latency is an alert (one slow answer is noise). */
export const LATENCY_SETS = 3;

export interface ProbeJudgeDeps {
  now: () => number;
  emit: (events: FleetEvent[]) => void;
  /** Alert keys open for the server now (a condition open before a restart is cleared by fresh evidence). */
  openKeys: (serverId: string) => ReadonlySet<string>;
  serverName: (serverId: string) => string;
  /** How long the API may be without data before "API down while DNS answers" (the connection alert's grace). */
  apiGraceMs: number;
}

interface ServerMemory {
  conditions: Map<string, boolean>;
  baselines: Map<string, LatencyBaseline>;
  slowSets: Map<string, number>;
  /** Whether the last set got any answer; null before the first set. */
  dnsAnswering: boolean | null;
  apiLive: boolean | null;
  /** Live, or answering in a way a person must act on (login refused, locked, 2FA, certificate): not "down". */
  apiAnswers: boolean | null;
  /** Since when the API has not answered (epoch ms); null while it answers or unknown. */
  blindSince: number | null;
}

export const PROBE_KEYS = { dns: 'probe:dns', api: 'probe:api', blocked: 'probe:blocked', latency: (probe: string) => `probe:latency:${probe}` };

export class ProbeJudge {
  private readonly servers = new Map<string, ServerMemory>();

  constructor(private readonly deps: ProbeJudgeDeps) {}

  onProbeSet(done: ProbeSetDone): void {
    const m = this.memory(done.serverId);
    const ran = done.results.filter((r) => r.outcome !== 'not-configured');
    if (ran.length === 0) return;
    const answered = ran.filter((r) => r.outcome === 'answered');
    m.dnsAnswering = answered.length > 0;
    const out: FleetEvent[] = [];
    const silentTimeouts = `no answer over ${transports(ran)} (${ran.map((r) => `${r.probe}: ${r.detail}`).slice(0, 4).join('; ')})`;
    // Raised only while the API is live (else the connection alert speaks); once raised it stays until DNS answers.
    const silentNow = !m.dnsAnswering && (m.apiLive === true || m.conditions.get(PROBE_KEYS.dns) === true);
    this.transition(out, done.serverId, PROBE_KEYS.dns, silentNow, () =>
      silentNow
        ? ev(PROBE_EVENT.dnsSilent, 'critical', `DNS on ${this.name(done.serverId)} does not answer while its API is live`, silentTimeouts)
        : ev(PROBE_EVENT.dnsAnswering, 'info', `DNS on ${this.name(done.serverId)} answers again`, `${answered.length} of ${ran.length} probes answered`),
    );
    this.apiCondition(out, done.serverId, m);
    this.blocked(out, done.serverId, ran.find((r) => r.kind === 'blocked'));
    for (const r of answered) this.latency(out, done.serverId, m, r);
    this.flush(out);
  }

  /** The API's state: `live` or not. Re-judges "API down while DNS answers". */
  onServerStatus(status: ServerStatus): void {
    if (status.state === 'disabled') return void this.servers.delete(status.serverId);
    const m = this.memory(status.serverId);
    // A login refused, a locked account, a certificate to trust: the API answered, a person must act.
    // That is its own alert (the connection's); calling it "API down" would be a second, wrong one.
    const answers = status.state === 'live' || NEEDS_USER.has(status.state);
    m.apiLive = status.state === 'live';
    m.apiAnswers = answers;
    m.blindSince = answers ? null : status.blindSince ? Date.parse(status.blindSince) : (m.blindSince ?? this.deps.now());
    const out: FleetEvent[] = [];
    this.apiCondition(out, status.serverId, m);
    this.flush(out);
  }

  forget(serverId: string): void {
    this.servers.delete(serverId);
  }

  private apiCondition(out: FleetEvent[], serverId: string, m: ServerMemory): void {
    if (m.apiAnswers === null || m.dnsAnswering === null) return;
    // Connecting is not down: only an API silent past the grace the connection alert also gives.
    const down = !m.apiAnswers && m.blindSince !== null && this.deps.now() - m.blindSince >= this.deps.apiGraceMs;
    const bad = down && m.dnsAnswering;
    this.transition(out, serverId, PROBE_KEYS.api, bad, () =>
      bad
        ? ev(PROBE_EVENT.apiDownDnsUp, 'warning', `API of ${this.name(serverId)} is down while its DNS answers`, 'Clients are still served; the monitor cannot see health, alerts or zones until the API is back.')
        : ev(PROBE_EVENT.apiDownDnsUpOver, 'info', `API of ${this.name(serverId)} and its DNS agree again`, m.apiAnswers ? 'the API answers again' : 'DNS stopped answering too'),
    );
  }

  private blocked(out: FleetEvent[], serverId: string, r: ProbeResult | undefined): void {
    if (!r || r.outcome !== 'answered') return;
    const bad = !r.healthy;
    this.transition(out, serverId, PROBE_KEYS.blocked, bad, () =>
      bad
        ? ev(PROBE_EVENT.blockedResolves, 'error', `Blocked name ${r.name} is not blocked on ${this.name(serverId)}`, `${r.name}: ${r.detail}. The RPZ is not applied.`, { probe: r.probe, name: r.name })
        : ev(PROBE_EVENT.blockedBlocked, 'info', `Blocked name ${r.name} is blocked again on ${this.name(serverId)}`, r.detail, { probe: r.probe, name: r.name }),
    );
  }

  private latency(out: FleetEvent[], serverId: string, m: ServerMemory, r: ProbeResult): void {
    if (r.latencyMs === null) return;
    const baseline = m.baselines.get(r.probe) ?? new LatencyBaseline();
    m.baselines.set(r.probe, baseline);
    const over = baseline.observe(r.latencyMs);
    const streak = over ? (m.slowSets.get(r.probe) ?? 0) + 1 : 0;
    m.slowSets.set(r.probe, streak);
    const key = PROBE_KEYS.latency(r.probe);
    const was = m.conditions.get(key) === true;
    const bad = was ? over : streak >= LATENCY_SETS;
    const band = `baseline ${Math.round(baseline.meanMs)} ms, band up to ${Math.round(baseline.upperEdge())} ms`;
    this.transition(out, serverId, key, bad, () =>
      bad
        ? ev(PROBE_EVENT.latencyHigh, 'warning', `DNS probe ${r.probe} on ${this.name(serverId)} is slow`, `${Math.round(r.latencyMs!)} ms (${band})`, { probe: r.probe, latencyMs: r.latencyMs })
        : ev(PROBE_EVENT.latencyNormal, 'info', `DNS probe ${r.probe} on ${this.name(serverId)} is back to normal`, `${Math.round(r.latencyMs!)} ms (${band})`, { probe: r.probe, latencyMs: r.latencyMs }),
    );
  }

  /** Emits on a change; on the first look, only what is bad, or a clear for an alert still open. */
  private transition(out: FleetEvent[], serverId: string, key: string, bad: boolean, make: () => EventDraft): void {
    const m = this.memory(serverId);
    const before = m.conditions.get(key);
    m.conditions.set(key, bad);
    if (before === bad) return;
    if (before === undefined && !bad && !this.deps.openKeys(serverId).has(key)) return;
    out.push(this.event(serverId, key, make()));
  }

  private event(serverId: string, key: string, d: EventDraft): FleetEvent {
    const at = this.deps.now();
    const iso = new Date(at).toISOString();
    return {
      id: newEventId(at),
      serverId,
      type: d.type,
      category: 'dns',
      severity: d.severity,
      occurredAt: iso,
      receivedAt: iso,
      title: d.title,
      summary: d.summary,
      data: { key, ...d.data },
      derived: true,
      dedupKey: `${d.type}:${serverId}:${key}:${at}`,
    };
  }

  private flush(out: FleetEvent[]): void {
    if (out.length > 0) this.deps.emit(out);
  }

  private memory(serverId: string): ServerMemory {
    let m = this.servers.get(serverId);
    if (!m) {
      m = { conditions: new Map(), baselines: new Map(), slowSets: new Map(), dnsAnswering: null, apiLive: null, apiAnswers: null, blindSince: null };
      this.servers.set(serverId, m);
    }
    return m;
  }

  private name(serverId: string): string {
    return this.deps.serverName(serverId);
  }
}

interface EventDraft {
  type: string;
  severity: Severity;
  title: string;
  summary: string;
  data?: Record<string, unknown>;
}
const TRANSPORT_WORDS: Readonly<Record<ProbeResult['transport'], string>> = { udp: 'UDP', tcp: 'TCP', tls: 'DoT' };
/** "UDP", "UDP/TCP": how the unanswered probes asked. */
const transports = (ran: readonly ProbeResult[]): string => [...new Set(ran.map((r) => TRANSPORT_WORDS[r.transport]))].join('/');
const ev = (type: string, severity: Severity, title: string, summary: string, data?: Record<string, unknown>): EventDraft => ({ type, severity, title, summary, data });
