/**
 * SOA serial drift across the fleet. Servers that serve the same zone are compared on the serial
 * they last showed (the probe's SOA answer, what DNS really serves; else the REST zone list). A server
 * whose serial is behind the zone's highest for longer than the grace period is lagging; every
 * lagging server of a zone carries one alert with the same incident key (`soa-drift:<zone>`), so the
 * zone's drift is ONE incident naming all of them, resolved per server as each catches up.
 * Serials compare in RFC 1982 arithmetic (a serial that wrapped past 2^32 is newer, not older).
 */
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { PROBE_EVENT } from '../../../shared/domain/probe';
import { newEventId } from '../hybrid-dns/eventIds';

export interface SoaDriftDeps {
  now: () => number;
  emit: (events: FleetEvent[]) => void;
  graceMs: () => number;
  /** Observations older than this neither raise nor clear (a silent server is not "in sync"). */
  staleAfterMs: () => number;
  serverName: (serverId: string) => string;
  openKeys: (serverId: string) => ReadonlySet<string>;
}

interface Seen {
  serial: number;
  at: number;
}

/** a < b in serial number arithmetic (RFC 1982, 32 bits). */
export function serialBehind(a: number, b: number): boolean {
  const d = (b - a) >>> 0;
  return d !== 0 && d < 0x80000000;
}

export const driftKey = (zone: string): string => `soa-drift:${zone}`;

export class SoaDrift {
  /** zone -> server -> last serial seen. */
  private readonly zones = new Map<string, Map<string, Seen>>();
  /** `${server}\n${zone}` -> since when it lags. */
  private readonly lagSince = new Map<string, number>();
  /** `${server}\n${zone}` -> the description last raised (re-raised when the lagging set changes), or null: in sync. */
  private readonly raised = new Map<string, string | null>();

  constructor(private readonly deps: SoaDriftDeps) {}

  /** The serials one server shows now, zone name -> serial. */
  observe(serverId: string, serials: ReadonlyMap<string, number>): void {
    const at = this.deps.now();
    for (const [zone, serial] of serials) {
      const z = zone.toLowerCase().replace(/\.$/, '');
      const servers = this.zones.get(z) ?? new Map<string, Seen>();
      servers.set(serverId, { serial, at });
      this.zones.set(z, servers);
    }
  }

  forget(serverId: string): void {
    for (const servers of this.zones.values()) servers.delete(serverId);
    for (const map of [this.lagSince, this.raised]) for (const k of [...map.keys()]) if (k.startsWith(`${serverId}\n`)) map.delete(k);
  }

  /** Judges these zones (default: all); a finished set needs only the zones its server serves. */
  evaluate(zones: Iterable<string> = this.zones.keys()): void {
    const now = this.deps.now();
    const out: FleetEvent[] = [];
    for (const name of zones) {
      const zone = name.toLowerCase().replace(/\.$/, '');
      const servers = this.zones.get(zone);
      if (!servers) continue;
      const fresh = [...servers].filter(([, s]) => now - s.at <= this.deps.staleAfterMs());
      if (fresh.length === 0) continue;
      const [leader, top] = fresh.reduce((best, cur) => (serialBehind(best[1].serial, cur[1].serial) ? cur : best));
      const lagging = fresh.filter(([, s]) => serialBehind(s.serial, top.serial));
      const overdue = lagging.filter(([id]) => now - this.since(id, zone, now) >= this.deps.graceMs());
      for (const [id] of fresh) if (!lagging.some(([l]) => l === id)) this.lagSince.delete(`${id}\n${zone}`);
      const names = overdue.map(([id, s]) => `${this.deps.serverName(id)} (${s.serial})`).join(', ');
      const detail = `Lagging: ${names}; highest ${top.serial} on ${this.deps.serverName(leader)}.`;
      for (const [id, s] of fresh) this.judge(out, id, zone, overdue.some(([o]) => o === id), detail, s.serial, top.serial);
    }
    if (out.length > 0) this.deps.emit(out);
  }

  private since(id: string, zone: string, now: number): number {
    const k = `${id}\n${zone}`;
    const t = this.lagSince.get(k) ?? now;
    this.lagSince.set(k, t);
    return t;
  }

  private judge(out: FleetEvent[], id: string, zone: string, lags: boolean, detail: string, serial: number, highest: number): void {
    const k = `${id}\n${zone}`;
    const key = driftKey(zone);
    const before = this.raised.get(k);
    if (lags) {
      if (before === detail) return;
      this.raised.set(k, detail);
      out.push(this.event(id, PROBE_EVENT.soaDrift, 'warning', `Zone ${zone} is behind on ${this.deps.serverName(id)} (serial drift)`, detail, { key, incident: key, zone, serial, highest }));
      return;
    }
    if (before === null) return;
    this.raised.set(k, null);
    // First look (after a restart): clear only an alert still open, asking the engine once per server and zone.
    if (before === undefined && !this.deps.openKeys(id).has(key)) return;
    out.push(this.event(id, PROBE_EVENT.soaInSync, 'info', `Zone ${zone} caught up on ${this.deps.serverName(id)}`, `serial ${serial}, highest ${highest}`, { key, zone, serial, highest }));
  }

  private event(serverId: string, type: string, severity: FleetEvent['severity'], title: string, summary: string, data: Record<string, unknown>): FleetEvent {
    const at = this.deps.now();
    const iso = new Date(at).toISOString();
    return { id: newEventId(at), serverId, type, category: 'dns', severity, occurredAt: iso, receivedAt: iso, title, summary, data, derived: true, dedupKey: `${type}:${serverId}:${data.key as string}:${at}` };
  }
}
