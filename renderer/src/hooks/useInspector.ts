import { useEffect, useState } from 'react';
import type { InspectorSnapshot, TailFrame } from '../../../shared/domain/inspector';
import { describeError } from '../api/FleetClient';
import { useClient } from '../store/StoreContext';

export interface InspectorLease {
  snapshot: InspectorSnapshot | null;
  error: string | null;
}

/**
 * Watches one server's connection inspector while mounted: a lease the core renews on every call
 * (a third of its life apart), the snapshot it answers with, then its pushes. Unmounting ends the
 * lease, so the core stops computing for this page. With `onLease` the caller also receives the
 * watch's reply (the frame tail uses it for the frames already held).
 */
export function useInspectorLease(
  serverId: string,
  frames: boolean,
  onLease?: (reply: { frames: TailFrame[] | null }) => void,
): InspectorLease {
  const client = useClient();
  const [state, setState] = useState<InspectorLease & { key: string }>({ snapshot: null, error: null, key: '' });
  const key = `${serverId}|${frames}`;
  useEffect(() => {
    let live = true;
    let leaseId: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const renew = async (): Promise<void> => {
      const r = await client.invoke('inspector:watch', { serverId, frames, ...(leaseId ? { leaseId } : {}) });
      if (!live) {
        if (r.ok) void client.invoke('inspector:unwatch', { leaseId: r.value.leaseId });
        return;
      }
      if (!r.ok) {
        setState({ snapshot: null, error: describeError(r), key });
        timer = setTimeout(() => void renew(), 5000);
        return;
      }
      // A new id means a new lease: the first, or one after ours lapsed (a hidden tab's timers are
      // throttled). The core dropped the tail with the old lease; start from what it holds now.
      const fresh = r.value.leaseId !== leaseId;
      leaseId = r.value.leaseId;
      if (fresh) onLease?.({ frames: r.value.frames });
      setState({ snapshot: r.value.snapshot, error: null, key });
      timer = setTimeout(() => void renew(), Math.max(1000, r.value.leaseMs / 3));
    };
    const off = client.on('inspector:onDidChange', (snap) => {
      if (live && snap.serverId === serverId) setState({ snapshot: snap, error: null, key });
    });
    void renew();
    return () => {
      live = false;
      off();
      if (timer) clearTimeout(timer);
      if (leaseId) void client.invoke('inspector:unwatch', { leaseId });
    };
    // onLease is read once per lease; a new callback identity must not restart the lease.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, serverId, frames, key]);
  return state.key === key ? state : { snapshot: null, error: null };
}
