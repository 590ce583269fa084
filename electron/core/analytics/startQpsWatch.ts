/**
 * Wires the QPS baselines into the core: the servers' query counters in (the samples' own counter
 * from query_update events, the polled counter from the metrics), anomaly alerts out through the
 * alert engine, baselines saved in the data dir.
 */
import type { AlertEngine } from '../alerts/AlertEngine';
import type { FleetService } from '../fleet/FleetService';
import type { Clock, Logger } from '../platform';
import type { SettingsStore } from '../settings/SettingsStore';
import { baselineFileStore, type BaselineStore } from './baselineFile';
import { QpsWatch, type QpsWatchDeps } from './QpsWatch';

export interface QpsWatchWiring {
  dataDir: string;
  clock: Clock;
  logger: Logger;
  fleet: FleetService;
  alerts: AlertEngine;
  settings: Pick<SettingsStore, 'get'>;
  /** Test seams: how often to judge, and the rate window. */
  tickMs?: number;
  rate?: QpsWatchDeps['rate'];
  store?: BaselineStore;
}

export function startQpsWatch(w: QpsWatchWiring): { watch: QpsWatch; dispose: () => void } {
  const watch = new QpsWatch({
    clock: w.clock,
    logger: w.logger,
    settings: () => w.settings.get().analytics,
    report: (signal) => w.alerts.report(signal),
    nameOf: (id) => w.fleet.session(id)?.status().name ?? id,
    store: w.store ?? baselineFileStore(w.dataDir),
    tickMs: w.tickMs,
    rate: w.rate,
  });
  const offEvents = w.fleet.onDidEmitEvents((events) => {
    for (const e of events) {
      if (e.type !== 'query_update') continue;
      const total = (e.data as { queriesToday?: unknown } | null)?.queriesToday;
      if (typeof total === 'number') watch.observeCounter(e.serverId, 'samples', total);
    }
  });
  const offMetrics = w.fleet.metrics.onDidAppend(({ serverId, name, point }) => {
    if (name === 'queriesToday') watch.observeCounter(serverId, 'poll', point.v);
  });
  return {
    watch,
    dispose: () => {
      offEvents();
      offMetrics();
      watch.dispose();
    },
  };
}
