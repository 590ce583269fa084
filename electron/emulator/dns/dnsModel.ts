// What the emulated server's BIND answers, computed from the emulator's state (pure: no sockets).
// BIND down: no answer at all. RPZ first (NXDOMAIN or the redirect, unless enforcement is switched
// off), then the zones the server is authoritative for (SOA with the zone's serial), then the
// forwarder whose domains match (internal types) or the public forwarder, after its slowness.
import type { Answer, Packet, Question } from 'dns-packet';
import type { ServerState } from '../state';

export interface RpzRule {
  action: 'nxdomain' | 'redirect';
  /** An IPv4 address (answered as A) or a name (answered as CNAME); only for `redirect`. */
  redirect?: string;
}

/** The DNS side of one emulated server; lives beside ServerState and survives an API restart. */
export class DnsModel {
  readonly rpz = new Map<string, RpzRule>([['malware.testcategory.com', { action: 'nxdomain' }]]);
  /** named runs (the API says BIND is active) but answers nothing: a hung process, a firewall on 53. */
  hung = false;
  /** Off: blocked names resolve (the "RPZ not loaded" failure the probes must see). */
  rpzEnforced = true;
  /** Forwarder id -> extra answer delay in ms (a slow upstream). */
  readonly forwarderDelayMs = new Map<number, number>();
  /** Forwarder id -> the domains it serves (internal types); the public forwarder takes the rest. */
  readonly forwarderDomains = new Map<number, string[]>();
  /** Queries answered (any transport), dropped while BIND was down, answered truncated over UDP. */
  readonly counts = { answered: 0, dropped: 0, truncated: 0 };

  constructor(private readonly state: ServerState) {}

  /** A stopped named refuses TCP connections as well. */
  answersTcp(): boolean {
    return this.state.bindRunning;
  }

  /** null: no answer (BIND is down). */
  answer(query: Packet): { response: Packet; delayMs: number } | null {
    if (!this.state.bindRunning || this.hung) return null;
    const q = query.questions?.[0];
    const base = { id: query.id ?? 0, type: 'response' as const, questions: query.questions ?? [] };
    if (!q) return { response: { ...base, flags: rcode(1) }, delayMs: 0 };
    const name = normalise(q.name);
    const blocked = this.rpzEnforced ? this.rpzRule(name) : undefined;
    if (blocked) return { response: { ...base, flags: FLAGS_RA | (blocked.action === 'nxdomain' ? rcode(3) : 0), answers: redirectAnswers(q, blocked) }, delayMs: 0 };
    const zone = this.zoneOf(name);
    if (zone) return { response: { ...base, flags: FLAGS_AA | (zone.isActive ? 0 : rcode(2)), ...(zone.isActive ? zoneAnswer(q, name, zone) : {}) }, delayMs: 0 };
    return this.forwarded(base, q, name);
  }

  /** An internal forwarder serves `corp.example` unless told otherwise (the probes' default internal name). */
  private domainsOf(id: number): string[] {
    return this.forwarderDomains.get(id) ?? [DEFAULT_INTERNAL_DOMAIN];
  }

  private rpzRule(name: string): RpzRule | undefined {
    for (let n: string | null = name; n; n = parent(n)) {
      const rule = this.rpz.get(n);
      if (rule) return rule;
    }
    return undefined;
  }

  private zoneOf(name: string): { name: string; serial: number; isActive: boolean } | undefined {
    let best: { name: string; serial: number; isActive: boolean } | undefined;
    for (const z of this.state.zones.values()) {
      const zn = normalise(z.name);
      if (z.zoneType === 'forward') continue;
      if ((name === zn || name.endsWith(`.${zn}`)) && (!best || zn.length > best.name.length)) best = { name: zn, serial: z.serial, isActive: z.isActive };
    }
    return best;
  }

  private forwarded(base: Packet, q: Question, name: string): { response: Packet; delayMs: number } {
    const forwarders = [...this.state.forwarders.values()].filter((f) => f.isActive !== false);
    const internal = forwarders.find((f) => f.type !== 'public' && this.domainsOf(f.id).some((d) => name === d || name.endsWith(`.${d}`)));
    const via = internal ?? forwarders.find((f) => f.type === 'public');
    // No forwarder for it: BIND recurses from the root hints itself.
    if (!via) return { response: { ...base, flags: FLAGS_RA, answers: q.type === 'A' ? [{ type: 'A', name: q.name, ttl: 60, data: addressOf(name, '198.51.100') }] : [] }, delayMs: 0 };
    const delayMs = this.forwarderDelayMs.get(via.id) ?? 0;
    if (via.status === 'unhealthy' || via.status === 'disabled') return { response: { ...base, flags: FLAGS_RA | rcode(2) }, delayMs };
    const answers: Answer[] = q.type === 'A' ? [{ type: 'A', name: q.name, ttl: 60, data: addressOf(name, via.type === 'public' ? '198.51.100' : '10.20.0') }] : [];
    return { response: { ...base, flags: FLAGS_RA, answers }, delayMs };
  }
}

export const DEFAULT_INTERNAL_DOMAIN = 'corp.example';
const FLAGS_AA = 1 << 10;
const FLAGS_RA = 1 << 7;
const rcode = (n: number): number => n & 0xf;
const normalise = (name: string): string => name.toLowerCase().replace(/\.$/, '');
const parent = (name: string): string | null => (name.includes('.') ? name.slice(name.indexOf('.') + 1) : null);

function addressOf(name: string, prefix: string): string {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${prefix}.${1 + (h % 250)}`;
}

function redirectAnswers(q: Question, rule: RpzRule): Answer[] {
  if (rule.action !== 'redirect' || !rule.redirect) return [];
  if (/^\d+\.\d+\.\d+\.\d+$/.test(rule.redirect)) return q.type === 'A' ? [{ type: 'A', name: q.name, ttl: 60, data: rule.redirect }] : [];
  return [{ type: 'CNAME', name: q.name, ttl: 60, data: rule.redirect }];
}

/** `many.<zone>` carries 40 addresses: more than 512 bytes, so UDP answers it truncated (TC). */
function zoneAnswer(q: Question, name: string, zone: { name: string; serial: number }): Pick<Packet, 'answers' | 'authorities'> {
  const soa: Answer = {
    type: 'SOA',
    name: zone.name,
    ttl: 3600,
    data: { mname: `ns1.${zone.name}`, rname: `hostmaster.${zone.name}`, serial: zone.serial, refresh: 3600, retry: 600, expire: 604800, minimum: 300 },
  };
  if (q.type === 'SOA' && name === zone.name) return { answers: [soa] };
  if (q.type === 'A' && name === `many.${zone.name}`) return { answers: Array.from({ length: 40 }, (_, i) => ({ type: 'A', name: q.name, ttl: 60, data: `10.99.${i >> 8}.${i & 255}` }) as Answer) };
  if (q.type === 'A' && name !== zone.name) return { answers: [{ type: 'A', name: q.name, ttl: 60, data: addressOf(name, '10.0.0') }] };
  return { authorities: [soa] };
}
