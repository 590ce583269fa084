import { useCallback, useEffect, useState } from 'react';
import type { MonitoringSettings } from '../../../shared/domain/monitoringSettings';
import { describeError } from '../api/FleetClient';
import { useClient } from '../store/StoreContext';

export interface MonitoringSettingsApi {
  saved: MonitoringSettings | null;
  error: string | null;
  /** A problem in words, or null when the core took it. */
  save(change: Partial<MonitoringSettings>): Promise<string | null>;
}

/** The saved probe and analytics settings, kept current by the core's push (another window, the CLI, settings.json edited while running). */
export function useMonitoringSettings(): MonitoringSettingsApi {
  const client = useClient();
  const [saved, setSaved] = useState<MonitoringSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void client.invoke('settings:getMonitoring', {}).then((r) => {
      if (!live) return;
      if (r.ok) setSaved(r.value);
      else setError(describeError(r));
    });
    const off = client.on('settings:onDidChangeMonitoring', (s) => setSaved(s));
    return () => {
      live = false;
      off();
    };
  }, [client]);
  const save = useCallback(
    async (change: Partial<MonitoringSettings>) => {
      const r = await client.invoke('settings:setMonitoring', change);
      if (!r.ok) return describeError(r);
      setSaved(r.value);
      return null;
    },
    [client],
  );
  return { saved, error, save };
}
