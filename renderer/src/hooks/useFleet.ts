import { useSyncExternalStore } from 'react';
import type { Alert } from '../../../shared/domain/alert';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { ServerVerdict } from '../../../shared/domain/verdict';
import type { FleetState } from '../store/FleetStore';
import { useStore } from '../store/StoreContext';

/** The whole fleet state (servers, alerts, health, connection). */
export function useFleet(): FleetState {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, store.getState);
}

/** One server's status; the same object until that server changes. */
export function useServer(id: string): ServerStatus | undefined {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => store.getState().servers.find((s) => s.serverId === id));
}

/** Every alert the page knows (active ones from the snapshot, plus changes and fetched history). */
export function useAlerts(): readonly Alert[] {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => store.getState().alerts);
}

/** One server's verdict as the core decided it; the same object until it changes. */
export function useVerdict(id: string): ServerVerdict | undefined {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => store.getState().verdicts.get(id));
}
