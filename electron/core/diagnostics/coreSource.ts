/**
 * The diagnostics bundle's sources in a running core (Electron, browser host, `monitor`): live
 * server snapshots, the event log's health as its writer sees it, the keychain as it answered.
 */
import type { CoreServices } from '../compose';
import type { DiagnosticsSource } from './DiagnosticsBundle';
import { serverSnapshots } from './serverSnapshots';

export function coreDiagnosticsSource(s: CoreServices, appVersion: string): DiagnosticsSource {
  return {
    host: s.host,
    appVersion,
    now: () => s.clock.now(),
    dataDir: s.paths.dataDir,
    logsDir: s.paths.logsDir,
    settings: () => s.settings.get(),
    servers: () => s.registry.list(),
    serverSnapshots: () => ({
      note: null,
      servers: serverSnapshots({
        statuses: () => s.fleet.statuses(),
        verdict: (id) => s.verdicts.verdict(id),
        openAlerts: () => s.alerts.list({ includeResolved: false, limit: 10_000 }),
        healthStaleAfterMs: (id) => s.fleet.healthStaleAfterMs(id),
        inspector: (id) => s.inspector.snapshot(id),
      }),
    }),
    eventLog: () => ({
      health: s.eventLog.health(),
      notices: s.eventLog.notices(),
      writer: s.eventLog.stats(),
      ...s.eventLog.facts(),
    }),
    appHealth: async () => s.health(),
  };
}
