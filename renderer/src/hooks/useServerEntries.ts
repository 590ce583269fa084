import { useCallback, useEffect, useState } from 'react';
import type { ServerEntry } from '../../../shared/ipc/schemas';
import { describeError } from '../api/FleetClient';
import { useClient } from '../store/StoreContext';

/** The configured servers (servers:list), refreshed after changes and when the fleet changes shape. */
export function useServerEntries(): { entries: ServerEntry[]; error: string | null; refresh(): void } {
  const client = useClient();
  const [entries, setEntries] = useState<ServerEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    void client.invoke('servers:list', {}).then((r) => {
      if (r.ok) setEntries(r.value);
      setError(r.ok ? null : describeError(r));
    });
  }, [client]);
  useEffect(() => {
    refresh();
    return client.on('fleet:onDidRemoveServer', refresh);
  }, [client, refresh]);
  return { entries, error, refresh };
}
