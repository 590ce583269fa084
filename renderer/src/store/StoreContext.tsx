import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { FleetClient } from '../api/FleetClient';
import type { FleetStore } from './FleetStore';

interface AppServices {
  client: FleetClient;
  store: FleetStore;
}

const Ctx = createContext<AppServices | null>(null);

export function AppServicesProvider({ client, store, children }: AppServices & { children: ReactNode }) {
  const value = useMemo(() => ({ client, store }), [client, store]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAppServices(): AppServices {
  const v = useContext(Ctx);
  if (!v) throw new Error('AppServicesProvider is missing');
  return v;
}

export const useClient = (): FleetClient => useAppServices().client;
export const useStore = (): FleetStore => useAppServices().store;
