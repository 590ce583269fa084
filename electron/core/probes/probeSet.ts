/**
 * Which probes one server gets, and what each answer means (pure). A set: the SOA of each zone the
 * server reports over REST (at most MAX_SOA_PROBES, by name), one name per forwarder type (internal,
 * public), and one name the RPZ should block. A probe that lacks a name says so instead of guessing.
 */
import type { ProbeKind, ProbeResult } from '../../../shared/domain/probe';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { DnsResult, ProbeTransport, QueryType } from './dnsQuery';
import type { ProbeSettings } from './probeSettings';

/** A server with thousands of zones is not asked for all of them every interval. */
export const MAX_SOA_PROBES = 20;
const INTERNAL_TYPES: ReadonlySet<string> = new Set(['active_directory', 'intranet']);

export interface ProbeSpec {
  probe: string;
  kind: ProbeKind;
  name: string;
  qtype: QueryType;
  /** Why it cannot run (no name configured); it is reported, not sent. */
  notConfigured?: string;
}

export interface ProbeTarget {
  host: string;
  port: number;
  transport: ProbeTransport;
  blockedRedirect: string | null;
}

export interface ServerFacts {
  /** Active zones from the last REST poll. */
  zones: readonly { name: string }[];
  /** Forwarder types the server reports (active_directory, intranet, public). */
  forwarderTypes: readonly string[];
}

/** The URL reaches the API through loopback (a tunnel, a proxy, a local emulator): its host says nothing of where DNS listens. */
const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\./.test(host);

export const UNKNOWN_DNS_ADDRESS = "its API is reached on loopback (a tunnel?), so its DNS address is unknown: set the server's dns.host and dns.port to probe it";

/** Where this server's DNS is asked; null when it cannot be known (no `dns` block and a loopback URL). */
export function probeTarget(config: ServerConfig): ProbeTarget | null {
  const dns = config.dns;
  const urlHost = new URL(config.url).hostname.replace(/^\[|\]$/g, '');
  if (!dns && isLoopback(urlHost)) return null;
  const host = dns?.host ?? urlHost;
  const blockedRedirect = dns?.blockedRedirect?.toLowerCase() ?? null;
  if (dns?.dotPort !== undefined) return { host, port: dns.dotPort, transport: 'tls', blockedRedirect };
  return { host, port: dns?.port ?? 53, transport: dns?.transport ?? 'udp', blockedRedirect };
}

export function buildProbeSet(config: ServerConfig, facts: ServerFacts, settings: ProbeSettings): ProbeSpec[] {
  const dns = config.dns;
  const zones = [...new Set(facts.zones.map((z) => z.name.toLowerCase().replace(/\.$/, '')))].sort().slice(0, MAX_SOA_PROBES);
  const specs: ProbeSpec[] = zones.map((name) => ({ probe: `soa:${name}`, kind: 'soa', name, qtype: 'SOA' }));
  if (facts.forwarderTypes.some((t) => INTERNAL_TYPES.has(t))) {
    const name = dns?.internalName || settings.internalName;
    specs.push(name ? { probe: 'internal', kind: 'internal', name, qtype: 'A' } : { probe: 'internal', kind: 'internal', name: '', qtype: 'A', notConfigured: 'no internal name configured (dns.internalName)' });
  }
  specs.push({ probe: 'public', kind: 'public', name: dns?.publicName || settings.publicName, qtype: 'A' });
  const blocked = dns?.blockedName ?? settings.blockedName;
  specs.push(blocked ? { probe: 'blocked', kind: 'blocked', name: blocked, qtype: 'A' } : { probe: 'blocked', kind: 'blocked', name: '', qtype: 'A', notConfigured: 'no blocked name configured (dns.blockedName)' });
  return specs;
}

/** One answer judged: whether it is what this probe should get, in one line for people. */
export function judge(spec: ProbeSpec, r: DnsResult | null, target: ProbeTarget, timeoutMs: number, at: number): ProbeResult {
  const base = { probe: spec.probe, kind: spec.kind, name: spec.name, qtype: spec.qtype, at: new Date(at).toISOString() };
  if (!r) return { ...base, outcome: 'not-configured', rcode: null, latencyMs: null, transport: target.transport, serial: null, healthy: false, detail: spec.notConfigured ?? 'not configured' };
  if (!r.ok) {
    const outcome = r.error === 'timeout' ? 'timeout' : r.error === 'refused' ? 'refused' : 'error';
    const why = outcome === 'timeout' ? `timeout after ${timeoutMs} ms` : outcome === 'refused' ? 'connection refused' : r.error;
    return { ...base, outcome, rcode: null, latencyMs: null, transport: r.transport, serial: null, healthy: false, detail: `probe failed: ${why}` };
  }
  const { healthy, meaning } = meaningOf(spec, r, target);
  const via = r.truncatedOverUdp ? ' (truncated over UDP, answered over TCP)' : '';
  return { ...base, outcome: 'answered', rcode: r.rcode, latencyMs: r.latencyMs, transport: r.transport, serial: r.serial, healthy, detail: `${meaning} in ${fmtMs(r.latencyMs)}${via}` };
}

function meaningOf(spec: ProbeSpec, r: Extract<DnsResult, { ok: true }>, target: ProbeTarget): { healthy: boolean; meaning: string } {
  if (spec.kind === 'soa') return r.serial !== null ? { healthy: true, meaning: `serial ${r.serial}` } : { healthy: false, meaning: `${r.rcode}, no SOA` };
  if (spec.kind === 'blocked') {
    if (r.rcode === 'NXDOMAIN') return { healthy: true, meaning: 'NXDOMAIN (blocked)' };
    const redirected = target.blockedRedirect !== null && r.answers.some((a) => a.toLowerCase() === target.blockedRedirect);
    if (r.rcode === 'NOERROR' && (redirected || r.answers.length === 0)) return { healthy: true, meaning: redirected ? 'redirected (blocked)' : 'NODATA (blocked)' };
    if (r.rcode === 'NOERROR') return { healthy: false, meaning: `resolves to ${r.answers.slice(0, 3).join(', ')}: not blocked` };
    return { healthy: false, meaning: `${r.rcode}` };
  }
  if (r.rcode === 'NOERROR' && r.answers.length > 0) return { healthy: true, meaning: `${r.answers.slice(0, 2).join(', ')}` };
  return { healthy: false, meaning: r.rcode === 'NOERROR' ? 'NOERROR, no address' : r.rcode };
}

const fmtMs = (ms: number): string => (ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`);
