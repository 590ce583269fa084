/**
 * Forwarder health with flap detection. unhealthy -> error, degraded -> warning, healthy or
 * disabled resolves. When a forwarder changes status `flapThreshold` times inside `flapWindowMs`
 * it becomes one "flapping" alert that neither resolves nor notifies again until the forwarder
 * has kept one status for `flapSettleMs` (Nagios-style flap detection; grafana#7886, uptime-kuma#3031).
 */
import type { ForwarderStatusChangeData } from '../../../shared/domain/eventTypes';
import type { FleetEvent, Severity } from '../../../shared/domain/fleetEvent';
import type { ForwarderStatus } from '../../../shared/domain/serverState';
import type { Clock } from '../platform';
import { RULE, type AlertRulesConfig } from './alertRules';
import { resolveSignal, type Signal, type SignalSink } from './signals';
import { TimerMap } from './TimerMap';

interface ForwarderTrack {
  serverId: string;
  serverName: string;
  forwarderName: string;
  status: ForwarderStatus;
  changes: number[];
  flapping: boolean;
  eventId: string | null;
}

const SEVERITY: Partial<Record<ForwarderStatus, Severity>> = { unhealthy: 'error', degraded: 'warning' };

export const forwarderKey = (forwarderId: number | string): string => `forwarder:${forwarderId}`;
/** The same upstream on several servers: forwarders are numbered per server, so matched by name. */
export const forwarderIncident = (forwarderName: string): string => `forwarder:${forwarderName.trim().toLowerCase()}`;
/** Signals from the forwarder's own status (the server's health alert is the other source). */
export const FORWARDER_SOURCE = 'forwarder';
const SOURCE = FORWARDER_SOURCE;

export class ForwarderRule {
  private readonly tracks = new Map<string, ForwarderTrack>();
  private readonly settleTimers: TimerMap;

  constructor(
    private readonly clock: Clock,
    private readonly rules: AlertRulesConfig,
    private readonly emit: SignalSink,
  ) {
    this.settleTimers = new TimerMap(clock);
  }

  onChange(e: FleetEvent, serverName: string): void {
    const data = e.data as Partial<ForwarderStatusChangeData> | null;
    if (!data || data.forwarderId === undefined || !data.newStatus) return;
    const key = forwarderKey(data.forwarderId);
    const id = `${e.serverId}\u0000${key}`;
    const now = this.clock.now();
    const track = this.tracks.get(id) ?? {
      serverId: e.serverId,
      serverName,
      forwarderName: '',
      status: data.newStatus,
      changes: [],
      flapping: false,
      eventId: null,
    };
    this.tracks.set(id, track);
    Object.assign(track, {
      serverName,
      forwarderName: data.forwarderName ?? `#${data.forwarderId}`,
      status: data.newStatus,
      eventId: e.id,
    });
    track.changes = [...track.changes.filter((t) => now - t < this.rules.flapWindowMs), now];
    if (!track.flapping && track.changes.length >= this.rules.flapThreshold) track.flapping = true;
    if (track.flapping) {
      this.settleTimers.set(id, this.rules.flapSettleMs, () => this.settle(id, key));
      this.emit(this.flappingSignal(track, key));
      return;
    }
    const signal = this.statusSignal(track, key, data);
    if (signal) this.emit(signal);
  }

  /** True while the forwarder's alert is held as "flapping" (snapshots must not resolve it). */
  isFlapping(serverId: string, forwarderId: number | string): boolean {
    return this.tracks.get(`${serverId}\u0000${forwarderKey(forwarderId)}`)?.flapping ?? false;
  }

  dispose(): void {
    this.settleTimers.dispose();
    this.tracks.clear();
  }

  private settle(id: string, key: string): void {
    const track = this.tracks.get(id);
    if (!track) return;
    track.flapping = false;
    track.changes = [];
    this.emit(this.statusSignal(track, key, {}) ?? resolveSignal(track.serverId, key, SOURCE));
  }

  /** `unknown` says nothing either way: the alert (if any) stays as it is. */
  private statusSignal(track: ForwarderTrack, key: string, data: Partial<ForwarderStatusChangeData>): Signal | null {
    if (track.status === 'unknown') return null;
    const severity = SEVERITY[track.status];
    if (!severity) return resolveSignal(track.serverId, key, SOURCE);
    const upstream = data.totalServers !== undefined ? `${data.healthyServers ?? 0} of ${data.totalServers} upstream servers answer.` : '';
    return {
      kind: 'raise',
      serverId: track.serverId,
      key,
      rule: RULE.forwarder,
      severity,
      title: `Forwarder ${track.forwarderName} is ${track.status} on ${track.serverName}`,
      detail: `${upstream} Queries for its domains may fail or slow down.`.trim(),
      eventId: track.eventId,
      source: SOURCE,
      incident: forwarderIncident(track.forwarderName),
    };
  }

  private flappingSignal(track: ForwarderTrack, key: string): Signal {
    const minutes = Math.round(this.rules.flapWindowMs / 60_000);
    return {
      kind: 'raise',
      serverId: track.serverId,
      key,
      rule: RULE.flapping,
      severity: 'warning',
      title: `Forwarder ${track.forwarderName} is flapping on ${track.serverName}`,
      detail: `${track.changes.length} status changes in ${minutes} min, now ${track.status}. Further changes are recorded without notifying until it is stable.`,
      eventId: track.eventId,
      source: SOURCE,
      incident: forwarderIncident(track.forwarderName),
    };
  }
}
