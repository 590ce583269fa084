/**
 * FleetReadings from a host's CoreHandle: the same handlers the UI calls, so the exporter has no
 * private view of the core (one source of truth) and works in any host that holds the handlers.
 */
import type { ApiHandlers } from '../../../shared/ipc/contract';
import type { Clock } from '../platform';
import type { FleetReadings, FleetReadingsSource } from './FleetExporter';

/** A reading older than this is not "current" even if the server is still called live. */
const QPS_WINDOW_MS = 2 * 60_000;
/** The contract's largest alerts:list page; open alerts beyond it are not counted. */
const ALERTS_LIMIT = 1000;

type Handlers = Pick<ApiHandlers, 'fleet:getSnapshot' | 'alerts:list' | 'metrics:get'> & Partial<Pick<ApiHandlers, 'analytics:baselines'>>;

export function handlerReadings(handlers: Handlers, clock: Pick<Clock, 'now'>): FleetReadingsSource {
  return {
    async read(): Promise<FleetReadings> {
      const [snapshot, openAlerts, baselines] = await Promise.all([
        handlers['fleet:getSnapshot']({}),
        handlers['alerts:list']({ includeResolved: false, limit: ALERTS_LIMIT }),
        handlers['analytics:baselines']?.({}) ?? [],
      ]);
      const qps = new Map<string, number>();
      const sinceMs = clock.now() - QPS_WINDOW_MS;
      const live = snapshot.servers.filter((s) => s.state === 'live');
      const series = await Promise.all(
        live.map((s) => handlers['metrics:get']({ serverId: s.serverId, names: ['qps'], sinceMs, maxPoints: 5000 })),
      );
      live.forEach((s, i) => {
        const points = series[i]?.series[0]?.points ?? [];
        const last = points[points.length - 1];
        if (last) qps.set(s.serverId, last.v);
      });
      return { servers: snapshot.servers, openAlerts, qps, baselines, verdicts: snapshot.verdicts };
    },
  };
}
