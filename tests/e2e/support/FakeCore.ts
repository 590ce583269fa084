/**
 * An in-memory CoreHandle for UI tests: the real contract, scripted state. Tests drive it directly
 * (setServer, appendEvents, raiseAlert, setHealth) and read `calls` to see what the UI asked for.
 */
import type { CoreHandle, PushMessage } from '../../../electron/core/api/CoreHandle';
import { previewImport } from '../../../electron/core/fleetConfig/importPreview';
import { systemClock } from '../../../electron/core/platform';
import { Emitter } from '../../../electron/core/util/Emitter';
import { nullLogger } from '../../../electron/core/util/logger';
import { VerdictService } from '../../../electron/core/verdict/VerdictService';
import { computeFleetTotals } from '../../../electron/core/fleet/fleetTotals';
import type { Alert } from '../../../shared/domain/alert';
import type { MetricName, MetricPoint } from '../../../shared/domain/metrics';
import type { MaintenanceWindow } from '../../../shared/domain/maintenance';
import { NotificationPolicySchema, type NotificationPolicy } from '../../../shared/domain/notificationPolicy';
import { previewPolicy } from '../../../electron/core/alerts/policyPreview';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { ServerProbes } from '../../../shared/domain/probe';
import { ApiFailure } from '../../../shared/ipc/dispatch';
import type { ApiHandlers, PushChannel, PushPayload } from '../../../shared/ipc/contract';
import type { AppHealth, ServerEntry } from '../../../shared/ipc/schemas';
import { alert as makeAlert, countBy, matches, serverStatus } from './fakeData';
import { emptyAnalytics, type FakeAnalytics } from './fakeAnalytics';
import { fakeInspectorSnapshot, fakeTailFrames } from './fakeInspector';
import { FakeHistory } from './fakeHistory';
import { FakeForwarding } from './fakeForwarding';
import { FakeMonitoringSettings } from './fakeSettings';

export interface FakeCall {
  channel: string;
  payload: unknown;
}

const HEALTHY: AppHealth = { keychain: { available: true, detail: 'ok' }, eventLog: { state: 'ok', detail: '', backlog: 0 }, notices: [] };

export class FakeCore implements CoreHandle {
  policy: NotificationPolicy = NotificationPolicySchema.parse({});
  /** Saved (scheduled) maintenance windows, as maintenance:schedule left them. */
  windows: MaintenanceWindow[] = [];
  servers = new Map<string, ServerStatus>();
  entries = new Map<string, ServerEntry>();
  alerts = new Map<string, Alert>();
  events: FleetEvent[] = []; // newest first
  health: AppHealth = HEALTHY;
  calls: FakeCall[] = [];
  /** Open maintenance windows by server id (epoch ms), as alerts:setMaintenance left them. */
  maintenance = new Map<string, number>();
  /** Server ids servers:setPassword stored a password for, in call order (never the password). */
  passwordsSet: string[] = [];
  /** servers:setPassword for these ids answers like a locked keychain. */
  failPasswordFor = new Set<string>();
  /** Latest readings per server (qps, queriesToday, blockedToday), as the metrics store would hold them. */
  readings = new Map<string, Partial<Record<MetricName, MetricPoint>>>();
  /** Steps an export reports; each step is pushed when the test calls stepExport(). */
  exportTotal = 500;
  /** analytics:get answers by server id ('*' for the fleet); the range asked is echoed. */
  analytics = new Map<string, FakeAnalytics>();
  private exports = new Map<string, number>();
  private pushes = new Emitter<PushMessage>();
  readonly forwarding = new FakeForwarding((channel, payload) => this.push(channel, payload));
  /** DNS probes and query analytics settings (the Settings page's sections). */
  readonly monitoring = new FakeMonitoringSettings((channel, payload) => this.push(channel, payload));
  /** The real verdict service: the UI under test renders verdicts exactly as the core makes them. */
  readonly verdicts = new VerdictService({
    clock: systemClock,
    logger: nullLogger,
    healthStaleAfterMs: () => null,
    maintenanceUntil: (id) => this.maintenance.get(id) ?? null,
  });
  readonly handlers: ApiHandlers;
  /** Chart history (series, annotations, forwarder spans) the UI tests script. */
  readonly history = new FakeHistory();

  constructor() {
    this.handlers = this.createHandlers();
    this.verdicts.onDidChangeVerdict((change) => this.push('fleet:onDidChangeVerdict', change));
  }

  start(): void {}
  onPush(listener: (m: PushMessage) => void): () => void {
    return this.pushes.event(listener);
  }
  async dispose(): Promise<void> {
    this.verdicts.dispose();
    this.pushes.dispose();
  }

  push<C extends PushChannel>(channel: C, payload: PushPayload<C>): void {
    this.pushes.fire({ channel, payload } as PushMessage);
  }

  /** What `probes:get` answers for a server (the Probes tab); unset: not probed yet. */
  readonly probeViews = new Map<string, ServerProbes>();

  setProbes(view: ServerProbes): void {
    this.probeViews.set(view.serverId, view);
    this.push('probes:onDidComplete', view);
  }

  setServer(status: ServerStatus): void {
    this.servers.set(status.serverId, status);
    if (!this.entries.has(status.serverId)) {
      this.entries.set(status.serverId, { id: status.serverId as ServerEntry['id'], name: status.name, url: `https://${status.serverId}.example:8443`, username: 'monitor', stack: 'auto', legacyTypes: 'admin', pollSeconds: 60, tags: [], enabled: true, hasCredential: true });
    }
    this.push('fleet:onDidChangeServer', status);
    this.verdicts.onServerStatus(status);
  }

  appendEvents(events: FleetEvent[]): void {
    this.events = [...[...events].reverse(), ...this.events];
    this.push('events:onDidAppend', events);
  }

  raiseAlert(over: Partial<Alert> = {}): Alert {
    const a = makeAlert(over);
    this.alerts.set(a.id, a);
    this.push('alerts:onDidRaise', a);
    this.push('alerts:onDidChange', a);
    this.verdicts.onAlert(a);
    return a;
  }

  /** The storm gate's "N more alerts" pop-up: raised for notification only, never stored or listed. */
  raiseSummary(count: number, serverId = 'fleet'): Alert {
    const a = makeAlert({ id: `storm-${Date.now()}-${count}`, serverId, key: 'storm', rule: 'storm', title: `${count} more alerts`, detail: 'Forwarder Quad9 unhealthy; BIND is not running. Open the alert list for all of them.', count });
    this.push('alerts:onDidRaise', a);
    return a;
  }

  /** The policy changed elsewhere (another window, another host): pushed like the core does. */
  setPolicy(policy: NotificationPolicy): void {
    this.policy = policy;
    this.push('settings:onDidChangePolicy', policy);
  }

  maintenanceState(): { windows: MaintenanceWindow[]; active: { serverId: string; untilMs: number }[] } {
    return { windows: this.windows, active: this.openMaintenance() };
  }

  setHealth(health: AppHealth): void {
    this.health = health;
    this.push('app:onDidChangeHealth', health);
  }

  /** Advances every running export by a quarter; finishes it on the fourth call. */
  stepExport(): void {
    for (const [jobId, written] of this.exports) {
      const next = Math.min(this.exportTotal, written + this.exportTotal / 4);
      const done = next >= this.exportTotal;
      this.push('events:onDidExportProgress', { jobId, written: next, total: this.exportTotal, done, path: done ? `/tmp/exports/${jobId}.csv` : null, error: null });
      if (done) this.exports.delete(jobId);
      else this.exports.set(jobId, next);
    }
  }

  callsTo(channel: string): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.payload);
  }

  private openMaintenance(): { serverId: string; untilMs: number }[] {
    const now = Date.now();
    return [...this.maintenance].filter(([, untilMs]) => untilMs > now).map(([serverId, untilMs]) => ({ serverId, untilMs }));
  }

  private record(channel: string, payload: unknown): void {
    this.calls.push({ channel, payload });
  }

  private updateAlerts(ids: string[], change: (a: Alert) => Alert): void {
    for (const id of ids) {
      const a = this.alerts.get(id);
      if (!a) continue;
      const next = change(a);
      this.alerts.set(id, next);
      this.push('alerts:onDidChange', next);
      this.verdicts.onAlert(next);
    }
  }

  /** Like the core: new ids are added, known ones updated keeping their credential. */
  private importFleet(configs: ServerConfig[]): { added: string[]; updated: string[]; needCredentials: string[] } {
    const added: string[] = [];
    const updated: string[] = [];
    for (const c of configs) {
      const known = this.entries.get(c.id);
      (known ? updated : added).push(c.id);
      this.entries.set(c.id, { ...c, hasCredential: known?.hasCredential ?? false });
    }
    return { added, updated, needCredentials: configs.filter((c) => !this.entries.get(c.id)?.hasCredential).map((c) => c.id) };
  }

  private createHandlers(): ApiHandlers {
    const ok = { ok: true as const };
    const rec = <T>(channel: string, payload: unknown, value: T): Promise<T> => {
      this.record(channel, payload);
      return Promise.resolve(value);
    };
    return {
      'fleet:getSnapshot': (p) => rec('fleet:getSnapshot', p, { servers: [...this.servers.values()], alerts: [...this.alerts.values()].filter((a) => a.status !== 'resolved'), health: this.health, firstRun: this.servers.size === 0, host: 'web' as const, maintenance: this.openMaintenance(), verdicts: this.verdicts.verdicts(), fleetVerdict: this.verdicts.fleet() }),
      'fleet:startDemo': (p) => {
        for (const [i, name] of ['Demo Primary', 'Demo Secondary', 'Demo Branch'].entries()) this.setServer(serverStatus(`demo-${i + 1}`, 'live', { name }));
        return rec('fleet:startDemo', p, ok);
      },
      'fleet:exportConfig': (p) => rec('fleet:exportConfig', p, { servers: [...this.entries.values()].map(({ hasCredential: _h, ...c }) => c) }),
      'fleet:previewImport': (p) => rec('fleet:previewImport', p, previewImport([...this.entries.values()].map(({ hasCredential: _h, ...c }) => c), p.fleet)),
      'fleet:importConfig': (p) => rec('fleet:importConfig', p, this.importFleet(p.fleet.servers)),
      'servers:list': (p) => rec('servers:list', p, [...this.entries.values()]),
      'servers:save': (p) => {
        this.entries.set(p.config.id, { ...p.config, hasCredential: Boolean(p.password) || (this.entries.get(p.config.id)?.hasCredential ?? false) });
        return rec('servers:save', p, ok);
      },
      'servers:remove': (p) => {
        this.entries.delete(p.id);
        this.servers.delete(p.id);
        this.push('fleet:onDidRemoveServer', { serverId: p.id });
        this.verdicts.forget(p.id);
        return rec('servers:remove', p, ok);
      },
      'servers:setEnabled': (p) => {
        const e = this.entries.get(p.id);
        if (e) this.entries.set(p.id, { ...e, enabled: p.enabled });
        return rec('servers:setEnabled', p, ok);
      },
      'servers:test': (p) => rec('servers:test', p, { ok: true, fingerprint256: 'AB:CD:EF:01', stages: (['resolve', 'tcp', 'tls', 'login', 'websocket', 'first-data'] as const).map((stage, i) => ({ stage, ok: true, detail: `${stage} fine`, ms: 3 + i })) }),
      'servers:submitTotp': (p) => {
        const s = this.servers.get(p.id);
        if (s && p.code === '123456') this.setServer({ ...s, state: 'live', lastDataAt: new Date().toISOString() });
        else if (s) this.setServer({ ...s, state: 'needs-2fa', detail: 'Code refused (Invalid 2FA code); enter a new code' });
        return rec('servers:submitTotp', p, { ok: true as const, accepted: p.code === '123456' });
      },
      'servers:setPassword': (p) => {
        this.record('servers:setPassword', { id: p.id, password: '[set]' }); // never keep the password
        const e = this.entries.get(p.id);
        if (!e) return Promise.reject(new ApiFailure('not-found', `no server ${p.id}`));
        if (this.failPasswordFor.has(p.id)) return Promise.reject(new ApiFailure('unavailable', 'The keychain is locked'));
        this.entries.set(p.id, { ...e, hasCredential: true });
        this.passwordsSet.push(p.id);
        return Promise.resolve(ok);
      },
      'servers:trustCertificate': (p) => {
        const s = this.servers.get(p.id);
        if (s) this.setServer({ ...s, state: 'live', tlsFingerprint: null, lastDataAt: new Date().toISOString() });
        return rec('servers:trustCertificate', p, ok);
      },
      'servers:reconnect': (p) => rec('servers:reconnect', p, ok),
      'events:query': (p) => {
        const all = this.events.filter((e) => matches(e, p.filter));
        const start = p.cursor ? Number(p.cursor) : 0;
        const items = all.slice(start, start + p.limit);
        return rec('events:query', p, { items, nextCursor: start + p.limit < all.length ? String(start + p.limit) : null });
      },
      'events:facets': (p) => {
        // Like the core: each facet under every filter but its own, the total under all of them.
        const under = (own: 'servers' | 'categories' | 'severities' | 'types') => this.events.filter((e) => matches(e, { ...p.filter, [own]: undefined }));
        return rec('events:facets', p, {
          servers: countBy(under('servers'), (e) => e.serverId),
          categories: countBy(under('categories'), (e) => e.category),
          severities: countBy(under('severities'), (e) => e.severity),
          types: countBy(under('types'), (e) => e.type),
          total: this.events.filter((e) => matches(e, p.filter)).length,
        });
      },
      'events:histogram': (p) => {
        const all = this.events.filter((e) => matches(e, p.filter));
        const bucketMs = 60_000;
        return rec('events:histogram', p, { bucketMs, buckets: Object.entries(countBy(all, (e) => String(Math.floor(Date.parse(e.occurredAt) / bucketMs) * bucketMs))).map(([t, count]) => ({ t: Number(t), count })).sort((a, b) => a.t - b.t) });
      },
      'events:export': (p) => {
        const jobId = `job-${this.calls.length}`;
        this.exports.set(jobId, 0);
        return rec('events:export', p, { jobId });
      },
      'events:revealExport': (p) => {
        this.record('events:revealExport', p);
        return Promise.reject(new ApiFailure('unavailable', 'only the desktop app can show a file in its folder'));
      },
      'alerts:list': (p) => rec('alerts:list', p, [...this.alerts.values()].filter((a) => p.includeResolved || a.status !== 'resolved')),
      'alerts:acknowledge': (p) => {
        this.updateAlerts(p.ids, (a) => ({ ...a, status: 'acknowledged', ack: { by: 'tester', at: new Date().toISOString(), note: p.note } }));
        return rec('alerts:acknowledge', p, ok);
      },
      'alerts:snooze': (p) => {
        this.updateAlerts(p.ids, (a) => ({ ...a, status: 'snoozed', snoozedUntil: new Date(Date.now() + p.minutes * 60_000).toISOString() }));
        return rec('alerts:snooze', p, ok);
      },
      'alerts:unsnooze': (p) => {
        this.updateAlerts(p.ids, (a) => ({ ...a, status: 'active', snoozedUntil: null }));
        return rec('alerts:unsnooze', p, ok);
      },
      'alerts:setMaintenance': (p) => {
        // Like the core: a window in the past (or null) closes it.
        if (p.untilMs === null || p.untilMs <= Date.now()) this.maintenance.delete(p.serverId);
        else this.maintenance.set(p.serverId, p.untilMs);
        this.push('alerts:onDidChangeMaintenance', this.maintenanceState());
        this.verdicts.onMaintenance(p.serverId);
        return rec('alerts:setMaintenance', p, ok);
      },
      'maintenance:list': (p) => rec('maintenance:list', p, this.maintenanceState()),
      'maintenance:schedule': (p) => {
        this.windows = [...this.windows.filter((w) => w.id !== p.window.id), p.window];
        this.push('alerts:onDidChangeMaintenance', this.maintenanceState());
        return rec('maintenance:schedule', p, this.maintenanceState());
      },
      'maintenance:remove': (p) => {
        this.windows = this.windows.filter((w) => w.id !== p.id);
        this.push('alerts:onDidChangeMaintenance', this.maintenanceState());
        return rec('maintenance:remove', p, this.maintenanceState());
      },
      'alerts:previewPolicy': (p) => rec('alerts:previewPolicy', p, previewPolicy([...this.alerts.values()], p.policy, Date.now(), p.hours)),
      'settings:getPolicy': (p) => rec('settings:getPolicy', p, this.policy),
      'settings:setPolicy': (p) => {
        this.policy = p.policy;
        this.push('settings:onDidChangePolicy', this.policy);
        return rec('settings:setPolicy', p, this.policy);
      },
      'probes:get': (p) => rec('probes:get', p, this.probeViews.get(p.serverId) ?? { serverId: p.serverId, intervalMs: 30_000, lastSetAt: null, target: '127.0.0.1:53 over UDP', results: [] }),
      'metrics:get': (p) => rec('metrics:get', p, { series: p.names.map((name) => ({ name, points: Array.from({ length: 30 }, (_, i) => ({ t: Date.now() - (30 - i) * 5000, v: 20 + 10 * Math.sin(i / 3) })) })) }),
      'app:getHealth': (p) => rec('app:getHealth', p, this.health),
      'fleet:getTotals': (p) =>
        rec('fleet:getTotals', p, computeFleetTotals({ now: Date.now(), statuses: [...this.servers.values()], latest: (id, name) => this.readings.get(id)?.[name], openAlerts: [...this.alerts.values()], verdict: this.verdicts.fleet() })),
      'app:writeDiagnostics': (p) =>
        rec('app:writeDiagnostics', p, { fileName: 'diagnostics-2026-12-06T20-00-00-000Z.zip', path: '/tmp/exports/diagnostics-2026-12-06T20-00-00-000Z.zip', bytes: 48_213, files: ['README.txt', 'versions.json', 'settings.json', 'servers.json', 'inspector.json', 'event-log.json', 'app-health.json', 'logs/web.log'], savedTo: null }),
      'analytics:get': (p) => {
        const a = this.analytics.get(p.serverId ?? '*') ?? emptyAnalytics(p.serverId, p.range);
        return rec('analytics:get', p, { queries: { ...a.queries, range: p.range }, baselines: a.baselines });
      },
      'analytics:baselines': (p) => rec('analytics:baselines', p, this.analytics.get('*')?.baselines ?? []),
      'inspector:watch': (p) => rec('inspector:watch', p, { leaseId: 'lease-1', leaseMs: 30_000, snapshot: fakeInspectorSnapshot(p.serverId), frames: p.frames && !p.leaseId ? fakeTailFrames() : null }),
      'inspector:unwatch': (p) => rec('inspector:unwatch', p, ok),
      'inspector:getSnapshot': (p) => rec('inspector:getSnapshot', p, fakeInspectorSnapshot(p.serverId)),
      'inspector:resubscribe': (p) => rec('inspector:resubscribe', p, { ok: true as const, sent: true }),
      'metrics:history': (p) => rec('metrics:history', p, this.history.series(p.serverId, p.range, p.names)),
      'metrics:annotations': (p) => rec('metrics:annotations', p, this.history.annotationsFor(p.serverId, p.range)),
      'metrics:forwarderHistory': (p) => rec('metrics:forwarderHistory', p, this.history.forwardersFor(p.serverId, p.range)),
      'metrics:fleetHistory': (p) => rec('metrics:fleetHistory', p, this.history.fleet(p.range, [...this.servers.values()])),
      'fleet:forwarderMatrix': (p) => rec('fleet:forwarderMatrix', p, this.history.matrix([...this.servers.values()], this.verdicts.verdicts())),
      ...this.forwarding.handlers(rec),
      ...this.monitoring.handlers(rec),
    };
  }
}
