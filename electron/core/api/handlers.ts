import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ApiHandlers } from '../../../shared/ipc/contract';
import type { ExportProgress } from '../../../shared/ipc/schemas';
import { ApiFailure } from '../../../shared/ipc/dispatch';
import { previewPolicy } from '../alerts/policyPreview';
import type { CoreServices } from '../compose';
import { computeFleetTotals } from '../fleet/fleetTotals';
import { inspectorHandlers } from './inspectorHandlers';
import { HistoryService } from '../history/HistoryService';
import { forwardingHandlers } from './forwardingHandlers';
import { revealExport } from './revealExport';
import { monitoringOf } from '../settings/monitoringSettings';

/** Open alerts counted by the fleet strip (the engine holds them in memory). */
const OPEN_ALERTS = 100_000;
/** Stored alerts replayed by the policy preview (the store answers at most 10,000). */
const PREVIEW_ALERTS = 10_000;

/**
 * The contract's handlers on top of the services. No business logic here: each handler maps one
 * request to one service call, so every host behaves the same.
 */
export function createHandlers(s: CoreServices): ApiHandlers {
  const requireServer = (id: string) => {
    const found = s.fleet.statuses().find((x) => x.serverId === id);
    if (!found) throw new ApiFailure('not-found', `no server with id ${id}`);
    return found;
  };
  const history = new HistoryService({
    log: s.eventLog,
    clock: s.clock,
    statuses: () => s.fleet.statuses(),
    verdicts: () => s.verdicts.verdicts(),
    maintenance: () => s.alerts.maintenance.scheduled(),
  });
  return {
    'fleet:getSnapshot': async () => ({
      servers: s.fleet.statuses(),
      alerts: s.alerts.list({ includeResolved: false, limit: 500 }),
      health: s.health(),
      firstRun: s.fleet.statuses().length === 0,
      host: s.host,
      maintenance: s.alerts.maintenanceWindows(),
      verdicts: s.verdicts.verdicts(),
      fleetVerdict: s.verdicts.fleet(),
    }),
    'fleet:getTotals': async () =>
      computeFleetTotals({
        now: s.clock.now(),
        statuses: s.fleet.statuses(),
        latest: (id, name) => s.fleet.metrics.latest(id, name),
        openAlerts: s.alerts.list({ includeResolved: false, limit: OPEN_ALERTS }),
        verdict: s.verdicts.fleet(),
      }),
    'fleet:startDemo': async () => {
      await s.startDemo();
      return { ok: true as const };
    },
    'fleet:exportConfig': async () => exportFleetFile(s),
    'fleet:previewImport': async ({ fleet }) => s.previewImport(fleet),
    'fleet:importConfig': async ({ fleet }) => s.importFleet(fleet),
    'servers:list': async () => s.registry.list(),
    'servers:save': async ({ config, password, isNew }) => {
      await s.registry.save(config, password, isNew);
      // An unchanged config keeps its session: a server waiting on a password must hear of it.
      if (password !== undefined) s.fleet.credentialsChanged(config.id);
      return { ok: true as const };
    },
    'servers:remove': async ({ id }) => {
      await s.registry.remove(id);
      return { ok: true as const };
    },
    'servers:setEnabled': async ({ id, enabled }) => {
      await s.registry.setEnabled(id, enabled);
      return { ok: true as const };
    },
    'servers:test': async ({ config, password }) => s.testConnection(config, password ?? null),
    'servers:submitTotp': async ({ id, code }) => {
      if (requireServer(id).state !== 'needs-2fa') throw new ApiFailure('conflict', `${id} is not waiting for a 2FA code`);
      await s.fleet.submitTotp(id, code);
      // A refused code leaves the session waiting for another one: say so, so the dialog stays open.
      return { ok: true as const, accepted: requireServer(id).state !== 'needs-2fa' };
    },
    'servers:setPassword': async ({ id, password }) => {
      await s.registry.setPassword(id, password);
      s.fleet.credentialsChanged(id);
      return { ok: true as const };
    },
    'servers:trustCertificate': async ({ id, fingerprint256 }) => {
      // Only the certificate the server is presenting right now can be trusted (no blind pinning).
      if (requireServer(id).tlsFingerprint !== fingerprint256) throw new ApiFailure('conflict', `${id} is not presenting a certificate with that fingerprint`);
      await s.fleet.trustCertificate(id, fingerprint256);
      return { ok: true as const };
    },
    'servers:reconnect': async ({ id }) => {
      requireServer(id);
      s.fleet.reconnect(id);
      return { ok: true as const };
    },
    'events:query': async ({ filter, cursor, limit }) => s.eventLog.query(filter, cursor ?? null, limit),
    'events:facets': async ({ filter }) => s.eventLog.facets(filter),
    'events:histogram': async ({ filter, buckets }) => s.eventLog.histogram(filter, buckets),
    'events:revealExport': async ({ path }) => revealExport(s, path),
    'events:export': async ({ filter, format }) => {
      const jobId = randomUUID();
      mkdirSync(s.paths.exportsDir, { recursive: true });
      const path = join(s.paths.exportsDir, `events-${new Date().toISOString().replace(/[:.]/g, '-')}.${format === 'csv' ? 'csv' : 'ndjson'}`);
      const progress = (p: Omit<ExportProgress, 'jobId'>) => s.push('events:onDidExportProgress', { jobId, ...p });
      void s.eventLog
        .exportTo(filter, format, path, (written, total) => progress({ written, total, done: false, path: null, error: null }))
        .then(({ rows, unreadable }) => {
          s.exportedFiles.add(path);
          progress({ written: rows, total: rows, done: true, path, error: null, unreadable });
        })
        .catch((err: unknown) => progress({ written: 0, total: 0, done: true, path: null, error: String((err as Error)?.message ?? err) }));
      return { jobId };
    },
    'alerts:list': async ({ includeResolved, limit }) => s.alerts.list({ includeResolved, limit }),
    'alerts:acknowledge': async ({ ids, note }) => {
      s.alerts.acknowledge(ids, note, s.operator);
      return { ok: true as const };
    },
    'alerts:snooze': async ({ ids, minutes }) => {
      s.alerts.snooze(ids, minutes);
      return { ok: true as const };
    },
    'alerts:unsnooze': async ({ ids }) => {
      s.alerts.unsnooze(ids);
      return { ok: true as const };
    },
    'alerts:setMaintenance': async ({ serverId, untilMs }) => {
      s.alerts.setMaintenance(serverId, untilMs);
      s.verdicts.onMaintenance(serverId);
      return { ok: true as const };
    },
    'maintenance:list': async () => maintenanceState(s),
    'maintenance:schedule': async ({ window }) => {
      s.alerts.maintenance.schedule(window);
      return maintenanceState(s);
    },
    'maintenance:remove': async ({ id }) => {
      s.alerts.maintenance.remove(id);
      return maintenanceState(s);
    },
    'alerts:previewPolicy': async ({ policy, hours }) =>
      previewPolicy(s.alerts.list({ includeResolved: true, limit: PREVIEW_ALERTS }), policy, s.clock.now(), hours),
    'settings:getPolicy': async () => s.settings.get().notifications,
    'settings:setPolicy': async ({ policy }) => s.settings.update((x) => ({ ...x, notifications: policy })).notifications,
    'settings:getMonitoring': async () => monitoringOf(s.settings.get()),
    'settings:setMonitoring': async (next) => monitoringOf(s.settings.update((x) => ({ ...x, probes: next.probes ?? x.probes, analytics: next.analytics ?? x.analytics }))),
    'metrics:get': async ({ serverId, names, sinceMs, maxPoints }) => ({ series: s.fleet.metrics.get(serverId, names, sinceMs ?? 0, maxPoints) }),
    'probes:get': async ({ serverId }) => s.probes.view(serverId),
    'app:getHealth': async () => s.health(),
    'app:writeDiagnostics': async () => s.writeDiagnostics(),
    'analytics:get': async ({ serverId, range, top }) => ({
      queries: s.eventLog.queryAnalytics({ serverId, range, top }),
      baselines: serverId === null ? s.qps.views() : [s.qps.view(serverId)].filter((v) => v !== null),
    }),
    'analytics:baselines': async () => s.qps.views(),
    ...inspectorHandlers(s),
    'metrics:history': async ({ serverId, range, names }) => history.series(serverId, range, names),
    'metrics:annotations': async ({ serverId, range }) => history.annotations(serverId, range),
    'metrics:forwarderHistory': async ({ serverId, range }) => history.forwarders(serverId, range),
    'metrics:fleetHistory': async ({ range }) => history.fleet(range),
    'fleet:forwarderMatrix': async () => history.matrix(),
    ...forwardingHandlers(s.forwarding),
  };
}

function exportFleetFile(s: CoreServices) {
  return { servers: s.registry.configs() };
}

export const maintenanceState = (s: CoreServices) => ({ windows: s.alerts.maintenance.scheduled(), active: s.alerts.maintenance.list() });
