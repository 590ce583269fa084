/**
 * The composition root of the core: creates every service once, wires the one-way data flow
 *   wire frame -> FleetService (adapter, normaliser, differ) -> FleetEvent
 *     -> event log writer (+ push after commit) + alert engine (+ notifier) + metrics
 * and returns a CoreHandle that any host (Electron, browser, CLI) carries over its transport.
 */
import { join } from 'node:path';
import { isAllowedPasswordEnv, type FleetFile, type ServerConfig } from '../../shared/domain/serverConfig';
import type { PushChannel, PushPayload } from '../../shared/ipc/contract';
import type { AppHealth, ConnectionTest, DiagnosticsBundleInfo, ImportChange } from '../../shared/ipc/schemas';
import { AlertEngine } from './alerts/AlertEngine';
import { AlertNotifications } from './alerts/AlertNotifications';
import type { AlertRulesConfig } from './alerts/alertRules';
import type { CoreHandle, PushMessage } from './api/CoreHandle';
import { createHandlers } from './api/handlers';
import { BoundCredentialStore } from './credentials/credentialBinding';
import type { CredentialStore } from './credentials/CredentialStore';
import { openCredentialStore } from './credentials/openCredentialStore';
import { SqliteEventLog } from './eventlog/SqliteEventLog';
import { asRequestError, importFleet, parseFleetFile } from './fleetConfig/fleetFile';
import { previewImport } from './fleetConfig/importPreview';
import { FleetService, testConnection } from './fleet/FleetService';
import { ForwardingService } from './forwarding/ForwardingService';
import { startProbes } from './probes/startProbes';
import type { ProbeService } from './probes/ProbeService';
import type { ProbeQuery } from './probes/startProbes';
import { noPowerEvents, systemClock, type AppPaths, type Clock, type FileRevealer, type Logger, type Notifier, type PowerEvents, type TrayPresenter } from './platform';
import { ConfSettingsStore } from './settings/ConfSettingsStore';
import { ServerRegistry } from './settings/ServerRegistry';
import { pushMonitoringChanges } from './settings/monitoringSettings';
import type { SettingsStore } from './settings/SettingsStore';
import { TraySummary } from './alerts/traySummary';
import { VerdictService } from './verdict/VerdictService';
import { startQpsWatch } from './analytics/startQpsWatch';
import type { QpsWatch } from './analytics/QpsWatch';
import { InspectorService } from './inspector/InspectorService';
import { MaintenanceRecorder } from './history/MaintenanceRecorder';
import { Emitter } from './util/Emitter';
import { registerSecret } from './util/redact';
import { packageVersion } from './diagnostics/appVersion';
import { coreDiagnosticsSource } from './diagnostics/coreSource';
import { writeDiagnosticsToExports, type OfferFile } from './diagnostics/writeToExports';

export interface DemoFleet {
  servers: ServerConfig[];
  /** Passwords of the emulated demo accounts: session-only, never persisted. */
  passwords: Record<string, string>;
}

export interface CoreOptions {
  host: 'electron' | 'web' | 'cli';
  paths: AppPaths;
  notifier: Notifier;
  logger: Logger;
  tray?: TrayPresenter;
  power?: PowerEvents;
  clock?: Clock;
  settings?: SettingsStore;
  credentials?: CredentialStore;
  /** Watch exactly these servers (CLI --config) instead of the ones stored in settings. */
  fleetOverride?: ServerConfig[];
  /** Starts the emulated demo fleet (hosts inject it; the core does not import the emulator). */
  demo?: () => Promise<DemoFleet>;
  /** Who acknowledges alerts (OS user name). */
  operator?: string;
  /** The app's version (Electron: app.getVersion()); else read from package.json. */
  appVersion?: string;
  /** Offers a finished diagnostics bundle to the user (Electron: a save dialog); returns where a copy went. */
  offerFile?: OfferFile;
  /** How probes ask DNS (tests and benches may wrap it); the real client by default. */
  probeQuery?: ProbeQuery;
  /** Alert engine tunables (tests shorten the connection grace); DEFAULT_ALERT_RULES by default, minNotifySeverity from settings. */
  alertRules?: Partial<Omit<AlertRulesConfig, 'minNotifySeverity'>>;
  /** Shows an exported file in its folder (Electron: shell.showItemInFolder); absent in the other hosts. */
  revealFile?: FileRevealer;
}

/** What the handlers see: services plus a few composed operations. */
export interface CoreServices {
  host: CoreOptions['host'];
  paths: AppPaths;
  operator: string;
  fleet: FleetService;
  eventLog: SqliteEventLog;
  alerts: AlertEngine;
  verdicts: VerdictService;
  /** QPS baselines and their anomaly alert (analytics/QpsWatch.ts). */
  qps: QpsWatch;
  /** Active DNS probes of every server (probes/). */
  probes: ProbeService;
  /** Connection inspector snapshots per server (the inspector tab, `dnsfleet inspect`, diagnostics). */
  inspector: InspectorService;
  forwarding: ForwardingService;
  registry: ServerRegistry;
  settings: SettingsStore;
  clock: Clock;
  /** Files events:export finished writing in this run: the only paths events:revealExport will show. */
  exportedFiles: Set<string>;
  revealFile: FileRevealer | undefined;
  health(): AppHealth;
  push<C extends PushChannel>(channel: C, payload: PushPayload<C>): void;
  startDemo(): Promise<void>;
  importFleet(file: FleetFile): Promise<{ added: string[]; updated: string[]; needCredentials: string[] }>;
  previewImport(file: FleetFile): ImportChange[];
  testConnection(config: ServerConfig, password: string | null): Promise<ConnectionTest>;
  writeDiagnostics(): Promise<DiagnosticsBundleInfo>;
}

export async function createCore(opts: CoreOptions): Promise<CoreHandle> {
  const log = opts.logger;
  const clock = opts.clock ?? systemClock;
  const settings = opts.settings ?? ConfSettingsStore.open({ dataDir: opts.paths.dataDir, logger: log.child('settings') });
  const credentials = opts.credentials ?? (await openCredentialStore(log.child('credentials')));
  const { retention, notifications } = settings.get();
  const eventLog = SqliteEventLog.open({ dataDir: opts.paths.dataDir, clock, logger: log.child('eventlog'), retention });
  const alerts = new AlertEngine({
    clock,
    logger: log.child('alerts'),
    store: eventLog,
    rules: { ...opts.alertRules, minNotifySeverity: notifications.minSeverity },
    // Maintenance windows live in settings.json: saved, shared with the CLI and every window.
    maintenanceStore: { load: () => settings.get().maintenance, save: (maintenance) => void settings.update((s) => ({ ...s, maintenance })) },
  });
  // The alerting policy, applied here for every host: the host's notifier and the page get only what it lets through.
  const notices = new AlertNotifications({
    clock,
    policy: () => settings.get().notifications,
    deliver: (alert, delivery) => {
      opts.notifier.notify(alert, delivery);
      push('alerts:onDidNotify', { alert, delivery });
    },
  });
  notices.resume(alerts.list({ includeResolved: false, limit: 1000 }));
  // Over one-off windows leave settings; their spans stay in the event log for the charts.
  const maintenanceHistory = new MaintenanceRecorder(() => alerts.maintenance.scheduled());
  maintenanceHistory.update(alerts.maintenance.list(), clock.now());
  const registry = new ServerRegistry({ settings, credentials, logger: log.child('servers') });

  const sessionPasswords = new Map<string, string>();
  let configured = (): ServerConfig[] => [];
  // Sessions get a stored secret only for the URL and username it was entered for.
  const boundCredentials = new BoundCredentialStore(
    credentials,
    { configOf: (id) => configured().find((c) => c.id === id), bindingOf: (id) => registry.bindingOf(id) },
    log.child('credentials'),
  );
  const fleet = new FleetService({
    clock,
    logger: log.child('fleet'),
    credentials: boundCredentials,
    passwordFromEnv: (c) => sessionPasswords.get(c.id) ?? (isAllowedPasswordEnv(c.passwordEnv) ? (process.env[c.passwordEnv] ?? null) : null),
  });

  const pushes = new Emitter<PushMessage>((err) => log.error('push listener failed', { err }));
  const push = <C extends PushChannel>(channel: C, payload: PushPayload<C>) => pushes.fire({ channel, payload } as PushMessage);
  const disposers: (() => void)[] = [];
  // Outlives the other subscriptions at dispose: what the closing flush commits is pushed too
  // (`monitor --json` printed 230,297 of 232,757 stored events without it).
  const stopCommitPush = eventLog.onDidCommit((batch) => batch.events.length > 0 && push('events:onDidAppend', batch.events));
  let lastPolicy = JSON.stringify(notifications);
  let lastRetention = JSON.stringify(retention);
  let demoServers: ServerConfig[] = [];
  configured = () => [...(opts.fleetOverride ?? settings.get().servers), ...demoServers];
  const health = (): AppHealth => ({
    keychain: (({ available, detail }) => ({ available, detail }))(credentials.status()),
    eventLog: eventLog.health(),
    notices: [...settings.notices(), ...eventLog.notices()],
  });
  const maintenanceUntil = (serverId: string) => alerts.maintenanceWindows().find((w) => w.serverId === serverId)?.untilMs ?? null;
  const verdicts = new VerdictService({
    clock,
    logger: log.child('verdict'),
    healthStaleAfterMs: (id) => fleet.healthStaleAfterMs(id),
    maintenanceUntil,
    currentStatus: (id) => fleet.session(id)?.status(),
    initialAlerts: alerts.list({ includeResolved: false, limit: 10_000 }),
  });
  const inspector = new InspectorService(
    {
      inspect: (id) => fleet.inspect(id),
      version: (id) => fleet.session(id)?.inspector.version ?? null,
      urgent: (id) => fleet.session(id)?.inspector.rejectedSeen ?? null,
      tail: (id) => fleet.session(id)?.inspector.tail ?? null,
      serverIds: () => fleet.serverIds(),
    },
    clock,
    { snapshot: (snap) => push('inspector:onDidChange', snap), frames: (serverId, frames) => push('inspector:onDidReceiveFrames', { serverId, frames }) },
    log.child('inspector'),
  );
  const tray = new TraySummary(opts.tray);
  const updateTray = () =>
    tray.update(verdicts.fleet(), verdicts.verdicts(), fleet.statuses(), alerts.list({ includeResolved: false, limit: 1000 }).filter((a) => a.status === 'active').length);

  // Data flow: events go to the log and the alert engine; the renderer hears of them after commit.
  disposers.push(
    fleet.onDidEmitEvents((events) => {
      eventLog.append(events);
      alerts.ingest(events);
    }),
    eventLog.onDidChangeHealth(() => push('app:onDidChangeHealth', health())),
    fleet.onDidChangeState((status) => {
      alerts.onServerStatus(status);
      // The verdict first: a host that prints a state line (the CLI) can name the verdict with it.
      verdicts.onServerStatus(status);
      push('fleet:onDidChangeServer', status);
    }),
    // The verdict is the one judgement of every server: the renderer, the CLI and the tray show it.
    verdicts.onDidChangeVerdict((change) => {
      push('fleet:onDidChangeVerdict', change);
      updateTray();
    }),
    fleet.metrics.onDidAppend(({ serverId, name, point }) => {
      eventLog.appendMetric(serverId, name, point.t, point.v);
      push('metrics:onDidAppend', { serverId, name, point });
    }),
    alerts.onDidRaise((alert) => {
      notices.onRaise(alert);
      push('alerts:onDidRaise', alert);
    }),
    alerts.onDidChange((alert) => {
      notices.onChange(alert);
      push('alerts:onDidChange', alert);
      verdicts.onAlert(alert);
      updateTray();
    }),
    fleet.onDidPinCertificate(({ serverId, fingerprint256 }) => {
      if (!opts.fleetOverride) void registry.pinCertificate(serverId, fingerprint256);
    }),
    registry.onDidChange(() => {
      if (!opts.fleetOverride) applyServers();
    }),
    alerts.onDidChangeMaintenance(() => {
      push('alerts:onDidChangeMaintenance', { windows: alerts.maintenance.scheduled(), active: alerts.maintenance.list() });
      eventLog.append(maintenanceHistory.update(alerts.maintenance.list(), clock.now()));
      // A window began, ended or moved: `maintenance` is a verdict level.
      verdicts.onMaintenance();
    }),
    settings.onDidChange((s) => {
      alerts.maintenance.reload(s.maintenance);
      // The running writer takes a new retention at once (Settings page, policy): its next pass cuts by it.
      const nextRetention = JSON.stringify(s.retention);
      if (nextRetention !== lastRetention) {
        lastRetention = nextRetention;
        eventLog.setRetention(s.retention);
      }
      const policy = JSON.stringify(s.notifications);
      if (policy === lastPolicy) return;
      lastPolicy = policy;
      alerts.setMinNotifySeverity(s.notifications.minSeverity);
      notices.onPolicyChange();
      push('settings:onDidChangePolicy', s.notifications);
    }),
  );
  // Restarted by settings changes (Settings page, `dnsfleet settings`); every host hears of each delivery.
  const forwarding = new ForwardingService({
    settings,
    dataDir: opts.paths.dataDir,
    clock,
    logger: log.child('forwarding'),
    alerts,
    serverLabels: (id) => configured().find((c) => c.id === id),
    credentials,
  });
  const qps = startQpsWatch({ dataDir: opts.paths.dataDir, clock, logger: log.child('qps'), fleet, alerts, settings });
  disposers.push(qps.dispose);
  const probing = startProbes({ clock, logger: log.child('probes'), settings, fleet, alerts, eventLog, push, query: opts.probeQuery });
  const probes = probing.service;
  disposers.push(pushMonitoringChanges(settings, push));
  // `dnsfleet settings set` from another shell (or an edit) applies while running, through onDidChange like any change.
  if (settings.watch) disposers.push(settings.watch());
  disposers.push(
    forwarding.onDidChangeDelivery((d) => push('forwarding:onDidChangeDelivery', d)),
    () => forwarding.dispose(),
  );
  const keychainEvents = (credentials as { onDidChangeStatus?: (l: () => void) => () => void }).onDidChangeStatus;
  if (keychainEvents) disposers.push(keychainEvents(() => push('app:onDidChangeHealth', health())));
  const power = opts.power ?? noPowerEvents;
  disposers.push(power.onResume(() => fleet.retryNow()), power.onNetworkChange(() => fleet.retryNow()));

  let previousIds = new Set<ServerConfig['id']>();
  function applyServers(): void {
    const servers = configured();
    const ids = new Set(servers.map((s) => s.id));
    for (const id of previousIds) {
      if (ids.has(id)) continue;
      push('fleet:onDidRemoveServer', { serverId: id });
      verdicts.forget(id);
      qps.watch.forget(id);
    }
    previousIds = ids;
    fleet.setServers(servers);
    probes.setServers(servers);
  }
  const services: CoreServices = {
    host: opts.host,
    paths: opts.paths,
    operator: opts.operator ?? process.env.USER ?? 'operator',
    fleet,
    eventLog,
    alerts,
    verdicts,
    qps: qps.watch,
    probes,
    inspector,
    forwarding,
    registry,
    settings,
    clock,
    exportedFiles: new Set(),
    revealFile: opts.revealFile,
    health,
    push,
    startDemo: async () => {
      if (!opts.demo) throw new Error('the demo fleet is not available in this host');
      if (demoServers.length > 0) return;
      const demo = await opts.demo();
      for (const [id, pw] of Object.entries(demo.passwords)) {
        registerSecret(pw);
        sessionPasswords.set(id, pw);
      }
      demoServers = demo.servers;
      applyServers();
    },
    importFleet: (file) => asRequestError(() => importFleet(registry, file)),
    previewImport: (file) => asRequestError(() => previewImport(registry.configs(), parseFleetFile(file, 'imported fleet'))),
    testConnection: (config, password) => testConnection(config, password),
    writeDiagnostics: () =>
      writeDiagnosticsToExports(coreDiagnosticsSource(services, opts.appVersion ?? packageVersion()), opts.paths.exportsDir, log.child('diagnostics'), opts.offerFile),
  };

  log.info('core started', { host: opts.host, dataDir: opts.paths.dataDir, servers: configured().length });
  return {
    handlers: createHandlers(services),
    start: () => applyServers(),
    onPush: (listener) => pushes.event(listener),
    dispose: async () => {
      for (const d of disposers.splice(0)) d();
      probing.dispose();
      inspector.dispose();
      await fleet.dispose();
      notices.dispose();
      verdicts.dispose();
      alerts.dispose();
      await eventLog.close();
      stopCommitPush();
      registry.dispose();
      (settings as { dispose?: () => void }).dispose?.();
      pushes.dispose();
      log.info('core stopped');
    },
  };
}

export const defaultPaths = (dataDir: string): AppPaths => ({ dataDir, logsDir: join(dataDir, 'logs'), exportsDir: join(dataDir, 'exports') });
