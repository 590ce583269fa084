import { notifications } from '@mantine/notifications';
import { useCallback, useSyncExternalStore } from 'react';
import { describeError } from '../api/FleetClient';
import { maintenanceUntil } from '../lib/maintenance';
import { useStore } from '../store/StoreContext';

/** One server's maintenance window (end in epoch ms, or null) and the intent to change it. */
export function useMaintenance(serverId: string): { untilMs: number | null; set(untilMs: number | null): void } {
  const store = useStore();
  const untilMs = useSyncExternalStore(store.subscribe, () => maintenanceUntil(store.getState().maintenance, serverId));
  const set = useCallback(
    (next: number | null) =>
      void store.setMaintenance(serverId, next).then((r) => {
        if (!r.ok) notifications.show({ color: 'red', title: next === null ? 'Could not end maintenance' : 'Could not start maintenance', message: describeError(r) });
      }),
    [store, serverId],
  );
  return { untilMs, set };
}
