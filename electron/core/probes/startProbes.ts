/**
 * Wires the probes into the core (called once by compose.ts): facts from the fleet's sessions,
 * transition events into the event log and the alert engine (the same path as every event),
 * metric points into the metrics store, finished sets pushed to every host.
 */
import type { PushChannel, PushPayload } from '../../../shared/ipc/contract';
import type { AlertEngine } from '../alerts/AlertEngine';
import type { SqliteEventLog } from '../eventlog/SqliteEventLog';
import type { FleetService } from '../fleet/FleetService';
import type { Clock, Logger } from '../platform';
import type { SettingsStore } from '../settings/SettingsStore';
import type { DnsQuestion, DnsResult } from './dnsQuery';
import { ProbeService } from './ProbeService';

export type ProbeQuery = (q: DnsQuestion) => Promise<DnsResult>;

export interface StartProbesDeps {
  clock: Clock;
  logger: Logger;
  settings: SettingsStore;
  fleet: FleetService;
  alerts: AlertEngine;
  eventLog: SqliteEventLog;
  push<C extends PushChannel>(channel: C, payload: PushPayload<C>): void;
  query?: ProbeQuery;
}

export function startProbes(d: StartProbesDeps): { service: ProbeService; dispose(): void } {
  const probes = new ProbeService({
    clock: d.clock,
    logger: d.logger,
    settings: () => d.settings.get().probes,
    zones: (id) => d.fleet.session(id)?.zones() ?? [],
    status: (id) => d.fleet.session(id)?.status(),
    openKeys: (id) => new Set(d.alerts.list({ includeResolved: false, limit: 10_000 }).filter((a) => a.serverId === id).map((a) => a.key)),
    emit: (events) => {
      d.eventLog.append(events);
      d.alerts.ingest(events);
    },
    metric: (id, name, t, v) => d.fleet.metrics.append(id, name, t, v),
    apiGraceMs: d.alerts.rules.connectionGraceMs,
    query: d.query,
    pinOf: (id) => d.fleet.session(id)?.pinnedFingerprint,
  });
  // A change from the Settings page, the CLI or another process's settings.json applies without a restart.
  let applied = JSON.stringify(d.settings.get().probes);
  const stops = [
    d.fleet.onDidChangeState((status) => probes.onServerStatus(status)),
    d.settings.onDidChange((s) => {
      const next = JSON.stringify(s.probes);
      if (next === applied) return;
      applied = next;
      probes.applySettings();
    }),
    probes.onDidComplete((done) => d.push('probes:onDidComplete', probes.view(done.serverId))),
  ];
  return {
    service: probes,
    dispose: () => {
      for (const stop of stops) stop();
      probes.dispose();
    },
  };
}
