import { startTransition, useEffect, useState } from 'react';
import type { MetricName, MetricPoint } from '../../../shared/domain/metrics';
import { useClient } from '../store/StoreContext';

export type SeriesMap = Partial<Record<MetricName, MetricPoint[]>>;

/** A server's recent series: metrics:get once, then metrics:onDidAppend, capped at maxPoints. */
export function useMetrics(serverId: string, names: readonly MetricName[], maxPoints = 120): SeriesMap {
  const client = useClient();
  const [series, setSeries] = useState<SeriesMap>({});
  const key = names.join(',');
  const [forKey, setForKey] = useState(`${serverId}|${key}`);
  if (forKey !== `${serverId}|${key}`) {
    setForKey(`${serverId}|${key}`);
    setSeries({});
  }
  useEffect(() => {
    let live = true;
    const wanted = key.split(',') as MetricName[];
    void client.invoke('metrics:get', { serverId, names: wanted, maxPoints }).then((r) => {
      if (!live || !r.ok) return;
      setSeries((cur) => {
        const next: SeriesMap = {};
        for (const s of r.value.series) next[s.name] = [...s.points, ...(cur[s.name] ?? []).filter((p) => p.t > (s.points.at(-1)?.t ?? 0))];
        return next;
      });
    });
    const off = client.on('metrics:onDidAppend', (m) => {
      if (m.serverId !== serverId || !wanted.includes(m.name)) return;
      // A transition: the charts re-render in slices that yield, not as one long task per point.
      startTransition(() => setSeries((cur) => ({ ...cur, [m.name]: [...(cur[m.name] ?? []), m.point].slice(-maxPoints) })));
    });
    return () => {
      live = false;
      off();
    };
  }, [client, serverId, key, maxPoints]);
  return series;
}
