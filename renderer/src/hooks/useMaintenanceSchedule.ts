import { useCallback, useEffect, useState } from 'react';
import type { MaintenanceWindow } from '../../../shared/domain/maintenance';
import { describeError } from '../api/FleetClient';
import { useClient } from '../store/StoreContext';

/** Saved maintenance windows, kept current by the core's push (this window, another one, a schedule boundary). */
export function useMaintenanceSchedule() {
  const client = useClient();
  const [windows, setWindows] = useState<MaintenanceWindow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void client.invoke('maintenance:list', {}).then((r) => {
      if (!live) return;
      if (r.ok) setWindows(r.value.windows);
      else setError(describeError(r));
    });
    const off = client.on('alerts:onDidChangeMaintenance', (s) => setWindows(s.windows));
    return () => {
      live = false;
      off();
    };
  }, [client]);
  const schedule = useCallback(
    async (window: MaintenanceWindow) => {
      const r = await client.invoke('maintenance:schedule', { window });
      return r.ok ? null : describeError(r);
    },
    [client],
  );
  const remove = useCallback(
    async (id: string) => {
      const r = await client.invoke('maintenance:remove', { id });
      return r.ok ? null : describeError(r);
    },
    [client],
  );
  return { windows, error, schedule, remove };
}
