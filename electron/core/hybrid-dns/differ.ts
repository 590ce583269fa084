/**
 * Derives the events the server never pushes (§5.3) by diffing successive observations: forwarder
 * status (legacy health_update AND REST polls feed the same state, so one transition is one
 * event), BIND up/down, zone create/update/delete, dashboard health alerts by stable id, new
 * threats. Each derived event has a stable dedupKey, so a re-derivation after a restart of the
 * session is dropped downstream too.
 */
import {
  DERIVED,
  type BindStateData,
  type ForwarderStatusChangeData,
  type HealthAlertData,
  type ThreatData,
  type ZoneChangeData,
} from '../../../shared/domain/eventTypes';
import type { EventCategory, FleetEvent, Severity } from '../../../shared/domain/fleetEvent';
import type { ForwarderSnapshot, ForwarderStatus } from '../../../shared/domain/serverState';
import { dedupHash, HashWindow } from '../util/HashWindow';
import { redactAnyCaseHead } from '../util/redact';
import { newEventId } from './eventIds';
import type { DashboardAlert, Threat, Zone } from './wire/rest';
import { parseServerTime, toIso } from './wire/time';

const FORWARDER_SEVERITY: Record<ForwarderStatus, Severity> = {
  healthy: 'info',
  degraded: 'warning',
  unknown: 'warning',
  unhealthy: 'error',
  disabled: 'info',
};

export class SnapshotDiffer {
  private readonly forwarders = new Map<number, ForwarderSnapshot>();
  private bindRunning: boolean | null = null;
  private zones: Map<number, Zone> | null = null;
  private alerts: Map<string, DashboardAlert> | null = null;
  private readonly threats = new HashWindow(5000);

  constructor(
    private readonly serverId: string,
    private readonly now: () => number,
  ) {}

  currentForwarders(): ForwarderSnapshot[] {
    return [...this.forwarders.values()];
  }

  /** Active zones of the last complete zone list (the probes ask their SOA); empty before the first. */
  currentZones(): { name: string; serial: number | null }[] {
    return [...(this.zones?.values() ?? [])].filter((z) => z.is_active !== false).map((z) => ({ name: z.name, serial: z.serial }));
  }

  currentBind(): boolean | null {
    return this.bindRunning;
  }

  diffForwarders(list: ForwarderSnapshot[], at: number): FleetEvent[] {
    const out: FleetEvent[] = [];
    const seen = new Set<number>();
    for (const f of list) {
      seen.add(f.id);
      const prev = this.forwarders.get(f.id);
      this.forwarders.set(f.id, f);
      const first = prev === undefined;
      if (first ? f.status === 'healthy' || f.status === 'disabled' : prev.status === f.status) continue;
      const data: ForwarderStatusChangeData = {
        forwarderId: f.id,
        forwarderName: f.name,
        oldStatus: prev?.status ?? null,
        newStatus: f.status,
        healthyServers: f.healthyServers,
        totalServers: f.totalServers,
      };
      const when = parseServerTime(f.lastChecked) ?? at;
      const key = `fwd:${this.serverId}:${f.id}:${data.oldStatus ?? 'none'}->${f.status}@${toIso(when)}`;
      const summary = `${data.oldStatus ?? 'first seen'} -> ${f.status} (${f.healthyServers}/${f.totalServers} servers healthy)`;
      out.push(
        this.event(
          DERIVED.forwarderStatusChange,
          'health',
          FORWARDER_SEVERITY[f.status],
          when,
          `Forwarder ${f.name} is ${f.status}`,
          summary,
          data,
          key,
        ),
      );
    }
    for (const id of [...this.forwarders.keys()]) if (!seen.has(id)) this.forwarders.delete(id);
    return out;
  }

  diffBind(running: boolean, at: number, source: BindStateData['source']): FleetEvent[] {
    const prev = this.bindRunning;
    this.bindRunning = running;
    if (prev === running || (prev === null && running)) return [];
    const type = running ? DERIVED.bindUp : DERIVED.bindDown;
    const data: BindStateData = { running, source };
    return [
      this.event(
        type,
        'system',
        running ? 'info' : 'critical',
        at,
        running ? 'BIND is running again' : 'BIND is not running',
        `reported by ${source}`,
        data,
        `bind:${this.serverId}:${running ? 'up' : 'down'}@${toIso(at)}`,
      ),
    ];
  }

  diffZones(list: Zone[], at: number): FleetEvent[] {
    const next = new Map(list.map((z) => [z.id, z]));
    const prev = this.zones;
    this.zones = next;
    if (prev === null) return []; // the first list is the baseline, not a burst of "created"
    const out: FleetEvent[] = [];
    for (const z of next.values()) {
      const old = prev.get(z.id);
      if (!old) out.push(this.zoneEvent(DERIVED.zoneCreated, z, null, at, `created@${z.serial}`));
      else if (old.serial !== z.serial) out.push(this.zoneEvent(DERIVED.zoneUpdated, z, old.serial, at, `${old.serial}->${z.serial}`));
    }
    for (const z of prev.values())
      if (!next.has(z.id)) out.push(this.zoneEvent(DERIVED.zoneDeleted, z, z.serial, at, `deleted@${z.serial}`));
    return out;
  }

  diffHealthAlerts(list: DashboardAlert[], at: number): FleetEvent[] {
    const next = new Map(list.map((a) => [a.id, a]));
    const prev = this.alerts ?? new Map<string, DashboardAlert>();
    this.alerts = next;
    const out: FleetEvent[] = [];
    for (const a of next.values()) if (!prev.has(a.id)) out.push(this.alertEvent(a, true, parseServerTime(a.timestamp) ?? at));
    for (const a of prev.values()) if (!next.has(a.id)) out.push(this.alertEvent(a, false, at));
    return out;
  }

  diffThreats(list: Threat[], at: number): FleetEvent[] {
    const out: FleetEvent[] = [];
    for (const t of list) {
      const key = `thr:${this.serverId}:${t.timestamp}:${t.domain}:${t.client_ip}:${t.category}`;
      if (!this.threats.admit(dedupHash(key))) continue;
      const data: ThreatData = { domain: t.domain, clientIp: t.client_ip, category: t.category, action: t.action };
      out.push(
        this.event(
          DERIVED.threatDetected,
          'security',
          'warning',
          parseServerTime(t.timestamp) ?? at,
          `Threat: ${t.domain.slice(0, 200)}`,
          `${t.category} from ${t.client_ip} (${t.action})`,
          data,
          key,
        ),
      );
    }
    return out;
  }

  private zoneEvent(type: string, z: Zone, oldSerial: number | null, at: number, suffix: string): FleetEvent {
    const data: ZoneChangeData = {
      zoneId: z.id,
      zoneName: z.name,
      serial: z.serial,
      ...(type === DERIVED.zoneUpdated ? { oldSerial } : {}),
    };
    const verb = type.slice(5);
    const when = type === DERIVED.zoneDeleted ? at : (parseServerTime(z.updated_at) ?? at);
    return this.event(
      type,
      'dns',
      type === DERIVED.zoneDeleted ? 'warning' : 'info',
      when,
      `Zone ${z.name.slice(0, 200)} ${verb}`,
      `serial ${oldSerial ?? '-'} -> ${z.serial ?? '-'}`,
      data,
      `zone:${this.serverId}:${z.id}:${suffix}`,
    );
  }

  private alertEvent(raw: DashboardAlert, raised: boolean, when: number): FleetEvent {
    // The server's alert text names its forwarders: masked in any case, like the names themselves (signals.ts).
    const a = { ...raw, title: redactAnyCaseHead(raw.title), message: redactAnyCaseHead(raw.message) };
    const data: HealthAlertData = {
      alertId: a.id,
      level: a.level,
      title: a.title,
      message: a.message,
      ...(a.forwarder_id !== undefined ? { forwarderId: a.forwarder_id } : {}),
    };
    const severity: Severity = !raised ? 'info' : a.level === 'critical' ? 'critical' : 'warning';
    const type = raised ? DERIVED.healthAlertRaised : DERIVED.healthAlertCleared;
    const key = `hal:${this.serverId}:${a.id}:${raised ? 'raised' : 'cleared'}@${a.timestamp ?? ''}`;
    return this.event(
      type,
      'health',
      severity,
      when,
      `${raised ? 'Health alert' : 'Cleared'}: ${(a.title || a.id).slice(0, 200)}`,
      a.message.slice(0, 500),
      data,
      key,
    );
  }

  private event(
    type: string,
    category: EventCategory,
    severity: Severity,
    occurred: number,
    title: string,
    summary: string,
    data: unknown,
    dedupKey: string,
  ): FleetEvent {
    const now = this.now();
    return {
      id: newEventId(now),
      serverId: this.serverId,
      type,
      category,
      severity,
      occurredAt: toIso(occurred),
      receivedAt: toIso(now),
      title,
      summary,
      data,
      derived: true,
      dedupKey,
    };
  }
}
