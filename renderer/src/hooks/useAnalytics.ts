import { useEffect, useState } from 'react';
import type { AnalyticsRange, QpsBaselineView, QueryAnalytics } from '../../../shared/domain/analytics';
import { describeError } from '../api/FleetClient';
import { useClient } from '../store/StoreContext';

export interface AnalyticsState {
  queries: QueryAnalytics | null;
  baselines: QpsBaselineView[];
  error: string | null;
  loading: boolean;
}

const EMPTY: AnalyticsState = { queries: null, baselines: [], error: null, loading: true };

/** Rollups move by the minute and baselines by the tick (30 s): asked again at this pace. */
const REFRESH_MS = 15_000;

/** analytics:get for one server (or the fleet: null) over a range, refreshed while shown. */
export function useAnalytics(serverId: string | null, range: AnalyticsRange): AnalyticsState {
  const client = useClient();
  const [state, setState] = useState<AnalyticsState>(EMPTY);
  // Another server or range: the old numbers must not stand under the new label while it loads.
  const [forKey, setForKey] = useState(`${serverId}|${range}`);
  if (forKey !== `${serverId}|${range}`) {
    setForKey(`${serverId}|${range}`);
    setState(EMPTY);
  }
  useEffect(() => {
    let live = true;
    const load = () =>
      void client.invoke('analytics:get', { serverId, range, top: 10 }).then((r) => {
        if (!live) return;
        if (r.ok) setState({ queries: r.value.queries, baselines: r.value.baselines, error: null, loading: false });
        else setState((s) => ({ ...s, error: describeError(r), loading: false }));
      });
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, serverId, range]);
  return state;
}
