import { useEffect, useState } from 'react';
import type { ServerProbes } from '../../../shared/domain/probe';
import { useClient } from '../store/StoreContext';

/** A server's last probe set: probes:get once, then every probes:onDidComplete for it. null while loading. */
export function useProbes(serverId: string): ServerProbes | null {
  const client = useClient();
  const [view, setView] = useState<ServerProbes | null>(null);
  const [forId, setForId] = useState(serverId);
  if (forId !== serverId) {
    setForId(serverId);
    setView(null);
  }
  useEffect(() => {
    let live = true;
    let pushed = false;
    const off = client.on('probes:onDidComplete', (v) => {
      if (v.serverId !== serverId) return;
      pushed = true;
      setView(v);
    });
    void client.invoke('probes:get', { serverId }).then((r) => {
      // A push that arrived while asking is newer than the answer.
      if (live && r.ok && !pushed) setView(r.value);
    });
    return () => {
      live = false;
      off();
    };
  }, [client, serverId]);
  return view;
}
