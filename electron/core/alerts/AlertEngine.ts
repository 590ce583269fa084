/**
 * The alert engine: turns FleetEvents and server states into keyed Alert records, one per
 * condition per server, and decides which of them interrupt the operator (onDidRaise).
 *
 * - onDidChange fires for every change of a record (new, counted again, acked, resolved…): the
 *   UI and the tray follow it. onDidRaise fires only when the operator should be told now.
 * - De-duplication: an open alert with the same key is counted again, not raised again; after
 *   it resolved the same condition raises a fresh alert.
 * - A severity increase re-raises and lifts snooze and acknowledgement; acknowledged alerts
 *   otherwise stay silent until resolved; a snooze that runs out reminds once.
 * - Maintenance records but does not notify; the storm gate caps notifications fleet-wide.
 * Every change is persisted through the store, and open alerts are reloaded on start.
 */
import { randomUUID } from 'node:crypto';
import type { Alert } from '../../../shared/domain/alert';
import { DERIVED } from '../../../shared/domain/eventTypes';
import { severityRank, type FleetEvent } from '../../../shared/domain/fleetEvent';
import { MINUTE } from '../../../shared/domain/ids';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { Clock, Logger } from '../platform';
import { Emitter, type Event } from '../util/Emitter';
import { DEFAULT_ALERT_RULES, QUIET_EXPIRING_RULES, type AlertRulesConfig } from './alertRules';
import {
  acknowledgeAlert,
  alertMapKey,
  compareAlerts,
  corroborateAlert,
  createAlert,
  newestVersions,
  resolveAlert,
  snoozeAlert,
  updateAlert,
  wakeAlert,
} from './alertRecords';
import { ConnectionWatch } from './ConnectionWatch';
import { FailureWitnesses } from './FailureWitnesses';
import { signalsFromEvent } from './eventSignals';
import { ANY_SOURCE, AlertSources } from './AlertSources';
import { openAlertsToReload, readStoredAlerts, type AlertStore } from './alertStore';
import { FORWARDER_SOURCE, ForwarderRule, forwarderKey } from './ForwarderRule';
import { IncidentIndex } from './IncidentIndex';
import { MaintenanceWindows, type MaintenanceStore } from './MaintenanceWindows';
import { maskedSignal, resolveSignal, type RaiseSignal, type Signal } from './signals';
import { StatusEvidence } from './StatusEvidence';
import { StormGate } from './StormGate';
import { TimerMap } from './TimerMap';

export type { AlertStore } from './alertStore';

export interface AlertEngineDeps {
  clock: Clock;
  logger: Logger;
  store: AlertStore;
  rules?: Partial<AlertRulesConfig>;
  /** Where maintenance windows are saved (settings.json in the app); in memory when absent. */
  maintenanceStore?: MaintenanceStore;
  /** Alert id factory (tests may make ids predictable). */
  newId?: () => string;
}

const RECENT_RESOLVED = 500;
const RELOAD_LIMIT = 10_000;

export class AlertEngine {
  readonly rules: AlertRulesConfig;
  private readonly open = new Map<string, Alert>();
  private readonly recentlyResolved: Alert[] = [];
  private readonly names = new Map<string, string>();
  private readonly statusFed = new Set<string>();
  private readonly lastNotifiedAt = new Map<string, number>();
  private readonly raiseEmitter: Emitter<Alert>;
  private readonly changeEmitter: Emitter<Alert>;
  private readonly snoozeTimers: TimerMap;
  private readonly quietTimers: TimerMap;
  private readonly connection: ConnectionWatch;
  private readonly forwarders: ForwarderRule;
  private readonly gate: StormGate;
  /** Saved, scheduled and recurring maintenance windows (schedule, remove, reload, scheduled()). */
  readonly maintenance: MaintenanceWindows;
  private readonly evidence = new StatusEvidence();
  private readonly sources = new AlertSources();
  private readonly incidents = new IncidentIndex();
  /** BIND down from the API and DNS silent from the probes: one failure, one alert (FailureWitnesses). */
  private readonly witnesses = new FailureWitnesses({
    openAlert: (serverId, key) => this.open.get(alertMapKey(serverId, key)),
    hasSource: (serverId, key, source) => this.sources.has(alertMapKey(serverId, key), source),
  });
  private readonly newId: () => string;
  private disposed = false;

  readonly onDidRaise: Event<Alert>;
  readonly onDidChange: Event<Alert>;
  /** Maintenance windows or what is in force changed. */
  readonly onDidChangeMaintenance: Event<void>;
  private readonly maintenanceEmitter: Emitter<void>;

  constructor(private readonly deps: AlertEngineDeps) {
    const { clock, logger } = deps;
    this.rules = { ...DEFAULT_ALERT_RULES, ...deps.rules };
    this.newId = deps.newId ?? randomUUID;
    const onListenerError = (err: unknown) => logger.error('alert listener failed', { err });
    this.raiseEmitter = new Emitter<Alert>(onListenerError);
    this.changeEmitter = new Emitter<Alert>(onListenerError);
    this.onDidRaise = this.raiseEmitter.event;
    this.onDidChange = this.changeEmitter.event;
    this.maintenanceEmitter = new Emitter<void>(onListenerError);
    this.onDidChangeMaintenance = this.maintenanceEmitter.event;
    const apply = (s: Signal) => this.apply(s);
    this.snoozeTimers = new TimerMap(clock);
    this.quietTimers = new TimerMap(clock);
    this.connection = new ConnectionWatch(clock, this.rules, apply);
    this.forwarders = new ForwarderRule(clock, this.rules, apply);
    this.gate = new StormGate(clock, this.rules.stormMaxPerMinute, (a) => this.raiseEmitter.fire(a));
    this.reload();
    // After the reload: a window in force at start must remember the alerts open before it.
    this.maintenance = new MaintenanceWindows({
      clock,
      store: deps.maintenanceStore,
      openKeys: (serverId) => [...this.open.values()].filter((a) => a.serverId === serverId).map((a) => a.key),
      onEnd: (serverId, before) => this.announceAfterMaintenance(serverId, before),
      onChange: () => this.maintenanceEmitter.fire(),
      onStoreError: (err) => logger.warn('could not save maintenance windows', { err }),
    });
  }

  ingest(events: FleetEvent[]): void {
    for (const e of events) {
      try {
        this.ingestOne(e);
      } catch (err) {
        this.deps.logger.error('alert rule failed', { type: e.type, serverId: e.serverId, err });
      }
    }
  }

  onServerStatus(status: ServerStatus): void {
    this.names.set(status.serverId, status.name);
    this.statusFed.add(status.serverId);
    this.connection.observe(status);
    if (status.state === 'live') this.reconcile(status);
  }

  /**
   * A rule that lives outside the engine (the QPS baseline, analytics/QpsWatch.ts) raises and
   * resolves through the same records, de-duplication, maintenance and storm gate as the built-in ones.
   */
  report(signal: Signal): void {
    try {
      this.apply(signal);
    } catch (err) {
      this.deps.logger.error('alert rule failed', { key: signal.key, serverId: signal.serverId, err });
    }
  }

  list(opts: { includeResolved: boolean; limit: number }): Alert[] {
    const open = [...this.open.values()];
    if (!opts.includeResolved) return open.sort(compareAlerts).slice(0, opts.limit);
    const stored = readStoredAlerts(this.deps.store, this.deps.logger, { includeResolved: true, limit: opts.limit });
    return newestVersions([...stored, ...this.recentlyResolved, ...open]).sort(compareAlerts).slice(0, opts.limit);
  }

  acknowledge(ids: string[], note: string, by: string): void {
    for (const alert of this.openByIds(ids)) {
      this.snoozeTimers.clear(alert.id);
      this.commit(acknowledgeAlert(alert, by, note, this.deps.clock.now()));
    }
  }

  snooze(ids: string[], minutes: number): void {
    const ms = Math.max(1, minutes) * MINUTE;
    for (const alert of this.openByIds(ids)) {
      this.commit(snoozeAlert(alert, this.deps.clock.now() + ms));
      this.snoozeTimers.set(alert.id, ms, () => this.wake(alert.id, true));
    }
  }

  unsnooze(ids: string[]): void {
    for (const id of ids) this.wake(id, false);
  }

  /** Open a maintenance window for a server until `untilMs` (epoch ms), or close it with null. */
  setMaintenance(serverId: string, untilMs: number | null): void {
    this.maintenance.set(serverId, untilMs);
  }

  /** The policy's minimum severity changed: below it nothing is offered for notification. */
  setMinNotifySeverity(severity: AlertRulesConfig['minNotifySeverity']): void {
    this.rules.minNotifySeverity = severity;
  }

  maintenanceWindows(): { serverId: string; untilMs: number }[] {
    return this.maintenance.list();
  }

  dispose(): void {
    this.disposed = true;
    for (const d of [this.snoozeTimers, this.quietTimers, this.connection, this.forwarders, this.gate, this.maintenance, this.sources, this.incidents, this.witnesses])
      d.dispose();
    this.raiseEmitter.dispose();
    this.changeEmitter.dispose();
    this.maintenanceEmitter.dispose();
  }

  private ingestOne(e: FleetEvent): void {
    const name = this.names.get(e.serverId) ?? e.serverId;
    if (e.type === DERIVED.forwarderStatusChange) return this.forwarders.onChange(e, name);
    // connection_state events count only for servers whose status is not fed to us directly.
    if (e.type === DERIVED.connectionState) return void (this.statusFed.has(e.serverId) || this.connection.observeEvent(e, name));
    for (const signal of signalsFromEvent(e, name, this.rules)) this.apply(signal);
  }

  /**
   * A live snapshot proves forwarders and BIND healthy even if we missed the change event, but
   * only where its value is fresh (StatusEvidence): a republished old value proves nothing.
   */
  private reconcile(status: ServerStatus): void {
    const { bindRecovered, forwardersRecovered } = this.evidence.observe(status);
    for (const id of forwardersRecovered) {
      if (!this.forwarders.isFlapping(status.serverId, id)) this.resolve(status.serverId, forwarderKey(id), FORWARDER_SOURCE);
    }
    // Through apply: the API is one witness of BIND's failure; the probe may still say DNS is silent.
    if (bindRecovered) this.apply(resolveSignal(status.serverId, 'bind'));
  }

  /** Every rule's signal enters here: the one place its text is masked (signals.ts) and its failure found. */
  private apply(raw: Signal): void {
    if (this.disposed) return;
    const signal = this.witnesses.place(maskedSignal(raw));
    if (signal.kind === 'raise') this.raise(signal);
    else this.resolve(signal.serverId, signal.key, signal.source);
  }

  private raise(s: RaiseSignal): void {
    const mapKey = alertMapKey(s.serverId, s.key);
    const now = this.deps.clock.now();
    if (s.autoResolveAfterMs) this.quietTimers.set(mapKey, s.autoResolveAfterMs, () => this.resolve(s.serverId, s.key));
    const existing = this.open.get(mapKey);
    const joins = this.sources.raise(mapKey, s.source ?? ANY_SOURCE, s.severity);
    if (!existing) return this.create(s, mapKey, now);
    const worst = this.sources.worst(mapKey) ?? s.severity;
    // A second witness of the same failure: one alert, one notification (issue 12).
    if (joins) return this.commit(this.worded(corroborateAlert(existing, s, worst, now)));
    const update = updateAlert(existing, { ...s, severity: worst }, now);
    const next = this.worded(update.next);
    if (update.escalated) this.snoozeTimers.clear(existing.id);
    this.commit(next);
    if (update.escalated || update.ruleChanged) this.notify(next);
  }

  private create(s: RaiseSignal, mapKey: string, now: number): void {
    const alert = createAlert(s, this.newId(), now);
    // Another server already has this cause open: the incident grows, the operator already knows.
    const known = this.incidents.alreadyKnown(alert);
    this.commit(alert);
    const cooling = s.notifyCooldownMs !== undefined && now - (this.lastNotifiedAt.get(mapKey) ?? -Infinity) < s.notifyCooldownMs;
    if (!cooling && !known) this.notify(alert);
  }

  private resolve(serverId: string, key: string, source?: string): void {
    const mapKey = alertMapKey(serverId, key);
    const existing = this.open.get(mapKey);
    if (!existing) return;
    if (!this.sources.clear(mapKey, source)) {
      // Another source still says it is bad: stays open, as bad as what is left, saying which one.
      const next = this.worded({ ...existing, severity: this.sources.worst(mapKey) ?? existing.severity });
      if (next.severity !== existing.severity || next.title !== existing.title || next.detail !== existing.detail) this.commit(next);
      return;
    }
    this.witnesses.forget(serverId, key);
    this.quietTimers.clear(mapKey);
    this.snoozeTimers.clear(existing.id);
    const done = resolveAlert(existing, this.deps.clock.now());
    this.open.delete(mapKey);
    this.incidents.untrack(existing);
    this.recentlyResolved.unshift(done);
    this.recentlyResolved.length = Math.min(this.recentlyResolved.length, RECENT_RESOLVED);
    this.persist(done);
    this.changeEmitter.fire(done);
  }

  /** A failure's witnesses word the alert together once more than one has spoken. */
  private worded(alert: Alert): Alert {
    const told = this.witnesses.told(alert.serverId, alert.key);
    return told ? { ...alert, ...told } : alert;
  }

  private wake(id: string, reminder: boolean): void {
    const alert = this.openByIds([id])[0];
    if (!alert || alert.status !== 'snoozed') return;
    this.snoozeTimers.clear(id);
    const woken = wakeAlert(alert);
    this.commit(woken);
    if (reminder) this.notify(woken);
  }

  /** Decide whether the operator hears about this alert now. */
  private notify(alert: Alert): void {
    if (alert.status !== 'active') return;
    if (severityRank(alert.severity) < severityRank(this.rules.minNotifySeverity)) return;
    if (this.maintenance.isActive(alert.serverId)) return;
    this.lastNotifiedAt.set(alertMapKey(alert.serverId, alert.key), this.deps.clock.now());
    this.incidents.markHeard(alert);
    this.gate.offer(alert);
  }

  private announceAfterMaintenance(serverId: string, openBefore: ReadonlySet<string>): void {
    if (this.disposed) return;
    for (const alert of this.open.values()) {
      if (alert.serverId === serverId && !openBefore.has(alert.key)) this.notify(alert);
    }
  }

  private commit(alert: Alert): void {
    this.open.set(alertMapKey(alert.serverId, alert.key), alert);
    this.incidents.track(alert);
    this.persist(alert);
    this.changeEmitter.fire(alert);
  }

  /** A store failure (disk full) must not stop alerting: the record stays in memory. */
  private persist(alert: Alert): void {
    try {
      this.deps.store.saveAlert(alert);
    } catch (err) {
      this.deps.logger.warn('could not persist alert', { id: alert.id, err });
    }
  }

  private openByIds(ids: string[]): Alert[] {
    const wanted = new Set(ids);
    return [...this.open.values()].filter((a) => wanted.has(a.id));
  }

  /** Restart keeps state: open alerts come back with their snooze and quiet-expiry timers. */
  private reload(): void {
    const now = this.deps.clock.now();
    const stored = openAlertsToReload(this.deps.store, this.deps.logger, RELOAD_LIMIT);
    for (const a of stored) {
      const mapKey = alertMapKey(a.serverId, a.key);
      this.open.set(mapKey, a);
      this.incidents.track(a);
      // Open before the restart: the operator was told then (or it was held on purpose).
      this.incidents.markHeard(a);
      if (a.status === 'snoozed' && a.snoozedUntil)
        this.snoozeTimers.set(a.id, Date.parse(a.snoozedUntil) - now, () => this.wake(a.id, true));
      if (QUIET_EXPIRING_RULES.has(a.rule))
        this.quietTimers.set(mapKey, Date.parse(a.lastSeenAt) + this.rules.threatQuietMs - now, () => this.resolve(a.serverId, a.key));
    }
    if (stored.length > 0) this.deps.logger.info('reloaded open alerts', { count: stored.length });
  }
}
