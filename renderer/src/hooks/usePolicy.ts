import { useCallback, useEffect, useState } from 'react';
import type { NotificationPolicy } from '../../../shared/domain/notificationPolicy';
import type { PolicyPreviewResult } from '../../../shared/ipc/schemas';
import { describeError } from '../api/FleetClient';
import { useClient } from '../store/StoreContext';

/** The saved alerting policy, kept current by the core's push (another window, the CLI's change on restart). */
export function usePolicy(): { saved: NotificationPolicy | null; error: string | null; save(p: NotificationPolicy): Promise<string | null> } {
  const client = useClient();
  const [saved, setSaved] = useState<NotificationPolicy | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void client.invoke('settings:getPolicy', {}).then((r) => {
      if (!live) return;
      if (r.ok) setSaved(r.value);
      else setError(describeError(r));
    });
    const off = client.on('settings:onDidChangePolicy', (p) => setSaved(p));
    return () => {
      live = false;
      off();
    };
  }, [client]);
  const save = useCallback(
    async (p: NotificationPolicy) => {
      const r = await client.invoke('settings:setPolicy', { policy: p });
      if (!r.ok) return describeError(r);
      setSaved(r.value);
      return null;
    },
    [client],
  );
  return { saved, error, save };
}

/** What a draft policy would have notified in the last 24 h, computed by the core from stored alerts. */
export function usePolicyPreview(draft: NotificationPolicy | null): PolicyPreviewResult | null {
  const client = useClient();
  const [preview, setPreview] = useState<PolicyPreviewResult | null>(null);
  const key = JSON.stringify(draft);
  useEffect(() => {
    if (!draft) return;
    let live = true;
    // A short pause so typing a time does not send a request per keystroke.
    const timer = setTimeout(() => {
      void client.invoke('alerts:previewPolicy', { policy: draft, hours: 24 }).then((r) => {
        if (live && r.ok) setPreview(r.value);
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft is compared by value (key)
  }, [client, key]);
  return preview;
}
