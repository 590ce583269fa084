import { useEffect, useState } from 'react';
import type { FleetTotals } from '../../../shared/domain/fleetTotals';
import { describeError } from '../api/FleetClient';
import { useClient } from '../store/StoreContext';
import { useFleet } from './useFleet';

/** How often the strip asks again: qps moves with every sample, which is not pushed fleet-wide. */
const REFRESH_MS = 5000;

/**
 * The core's fleet totals (fleet:getTotals), asked for every 5 s and at once when a verdict or an
 * alert changes. The strip renders them; nothing here adds anything up.
 */
export function useFleetTotals(): { totals: FleetTotals | null; error: string | null } {
  const client = useClient();
  const { fleetVerdict, alerts, connection } = useFleet();
  const [state, setState] = useState<{ totals: FleetTotals | null; error: string | null }>({ totals: null, error: null });
  useEffect(() => {
    let live = true;
    const ask = () =>
      void client.invoke('fleet:getTotals', {}).then((r) => {
        if (live) setState(r.ok ? { totals: r.value, error: null } : (s) => ({ ...s, error: describeError(r) }));
      });
    ask();
    const timer = setInterval(ask, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, fleetVerdict, alerts, connection]);
  return state;
}
