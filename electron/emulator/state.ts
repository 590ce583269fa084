// The emulated server's "database": users, forwarders, zones, threats, BIND and metrics.
// It survives restart() (like the real DB); socket state lives in the hubs and does not.
import type { EmulatedForwarder, EmulatedZone, EmulatorOptions, EmulatorUser } from './types';
import { isoUtc, pyFloat, type PyFloat } from './frames';

export interface UserRecord {
  id: number;
  username: string;
  password: string;
  email: string;
  isAdmin: boolean;
  totpSecret?: string;
  disabled: boolean;
  failedAttempts: number;
  lastLogin: string | null;
  createdAt: string;
}

export interface ForwarderRecord extends EmulatedForwarder {
  lastChecked: string | null;
}

export interface ZoneRecord extends EmulatedZone {
  createdAt: string;
  updatedAt: string;
}

export interface ThreatRecord {
  timestamp: string;
  client_ip: string;
  domain: string;
  category: string;
  action: string;
  frequency: number;
}

/** mulberry32: small deterministic PRNG so demo metrics are reproducible with a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEFAULT_USERS: EmulatorUser[] = [{ username: 'monitor', password: 'monitor-pass', isAdmin: true }];

/** The L2 vector's forwarders. */
export const DEFAULT_FORWARDERS: EmulatedForwarder[] = [
  { id: 1, name: 'Corporate AD', type: 'active_directory', status: 'healthy', healthyServers: 2, totalServers: 2 },
  { id: 3, name: 'Public DNS', type: 'public', status: 'degraded', healthyServers: 1, totalServers: 2 },
];

export const DEFAULT_ZONES: EmulatedZone[] = [
  { id: 1, name: 'corp.local', zoneType: 'master', serial: 2025082901, isActive: true },
  { id: 2, name: '10.in-addr.arpa', zoneType: 'master', serial: 2025082001, isActive: true },
];

const round1 = (v: number): number => Math.round(v * 10) / 10;
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

export class ServerState {
  readonly users = new Map<string, UserRecord>();
  readonly forwarders = new Map<number, ForwarderRecord>();
  readonly zones = new Map<number, ZoneRecord>();
  readonly threats: ThreatRecord[] = [];
  bindRunning = true;
  bindStartedAt: number;
  readonly startedAt: number;
  queriesToday = 0;
  blockedToday = 0;
  readonly rand: () => number;
  private cpu: number;
  private mem: number;
  private disk: number;

  constructor(
    opts: EmulatorOptions,
    private readonly now: () => number,
  ) {
    const t = now();
    this.startedAt = t;
    this.bindStartedAt = t;
    this.rand = prng(opts.seed ?? Math.floor(Math.random() * 2 ** 31));
    this.cpu = 4 + this.rand() * 8;
    this.mem = 35 + this.rand() * 15;
    this.disk = 15 + this.rand() * 20;
    (opts.users ?? DEFAULT_USERS).forEach((u, i) => {
      this.users.set(u.username, {
        id: i + 1,
        username: u.username,
        password: u.password,
        email: `${u.username}@example.local`,
        isAdmin: u.isAdmin ?? false,
        totpSecret: u.totpSecret,
        disabled: u.disabled ?? false,
        failedAttempts: 0,
        lastLogin: null,
        createdAt: isoUtc(t - 30 * 86_400_000),
      });
    });
    for (const f of opts.forwarders ?? DEFAULT_FORWARDERS) {
      this.forwarders.set(f.id, { ...f, lastChecked: f.status === 'unknown' ? null : isoUtc(t - this.rand() * 240_000) });
    }
    for (const z of opts.zones ?? DEFAULT_ZONES) this.upsertZone(z);
  }

  userById(id: number): UserRecord | undefined {
    for (const u of this.users.values()) if (u.id === id) return u;
    return undefined;
  }

  setForwarderStatus(id: number, status: EmulatedForwarder['status']): void {
    const f = this.forwarders.get(id);
    if (!f) throw new Error(`no forwarder ${id}`);
    f.status = status;
    if (status === 'healthy') f.healthyServers = f.totalServers;
    else if (status === 'unhealthy' || status === 'disabled') f.healthyServers = 0;
    else if (status === 'degraded') f.healthyServers = Math.max(1, Math.min(f.healthyServers, f.totalServers - 1));
    f.lastChecked = isoUtc(this.now());
  }

  upsertZone(z: EmulatedZone): void {
    const t = isoUtc(this.now());
    const old = this.zones.get(z.id);
    this.zones.set(z.id, { ...z, createdAt: old?.createdAt ?? t, updatedAt: z.updatedAt ?? t });
  }

  addThreat(t: { domain: string; clientIp: string; category: string; action?: string }): void {
    const prev = this.threats.find((x) => x.domain === t.domain && x.client_ip === t.clientIp);
    if (prev) {
      prev.frequency += 1;
      prev.timestamp = isoUtc(this.now());
      return;
    }
    this.threats.unshift({
      timestamp: isoUtc(this.now()),
      client_ip: t.clientIp,
      domain: t.domain,
      category: t.category,
      action: t.action ?? 'blocked',
      frequency: 1,
    });
    if (this.threats.length > 500) this.threats.length = 500;
  }

  setBindRunning(running: boolean): void {
    if (running && !this.bindRunning) this.bindStartedAt = this.now();
    this.bindRunning = running;
  }

  /** A small random walk: cpu, memory, disk in % with one decimal (psutil style). */
  sampleMetrics(): { cpu_usage: PyFloat; memory_usage: PyFloat; disk_usage: PyFloat } {
    this.cpu = clamp(this.cpu + (this.rand() - 0.5) * 3, 0.5, 97);
    this.mem = clamp(this.mem + (this.rand() - 0.5) * 1, 5, 95);
    this.disk = clamp(this.disk + (this.rand() - 0.45) * 0.05, 1, 99);
    return { cpu_usage: pyFloat(round1(this.cpu)), memory_usage: pyFloat(round1(this.mem)), disk_usage: pyFloat(round1(this.disk)) };
  }

  /** One parsed query (U6 inner data); counts towards the day's totals. */
  nextQuery(): Record<string, unknown> {
    const r = this.rand;
    const domains = ['intranet.corp.local', 'mail.corp.local', 'www.example.com', 'updates.vendor.net', 'ads.tracker.io', 'cdn.static.org'];
    const types = ['A', 'A', 'A', 'AAAA', 'MX', 'TXT', 'PTR'];
    const domain = domains[Math.floor(r() * domains.length)] ?? 'www.example.com';
    const blocked = domain === 'ads.tracker.io';
    this.queriesToday += 10; // every 10th parsed line is broadcast (§5.2)
    if (blocked) this.blockedToday += 1;
    const uptimeS = Math.max(1, (this.now() - this.startedAt) / 1000);
    return {
      client_ip: `192.168.${10 + Math.floor(r() * 5)}.${2 + Math.floor(r() * 200)}`,
      query_domain: domain,
      query_type: types[Math.floor(r() * types.length)] ?? 'A',
      blocked,
      response_time: pyFloat(0.0),
      total_queries_today: this.queriesToday,
      blocked_queries_today: this.blockedToday,
      current_qps: pyFloat(Math.round((this.queriesToday / uptimeS) * 100) / 100),
      avg_response_time: pyFloat(0.0),
    };
  }
}
