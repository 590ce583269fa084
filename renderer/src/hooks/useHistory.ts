import { useEffect, useState } from 'react';
import type { HistoryRange } from '../../../shared/domain/history';
import type { InvokeChannel, InvokeRequest, InvokeResponse, PushChannel } from '../../../shared/ipc/contract';
import { useClient } from '../store/StoreContext';

/** How often a range is asked again: a 15-minute chart moves, a week does not. */
export const REFRESH_MS: Record<HistoryRange, number> = { '15m': 10_000, '1h': 20_000, '24h': 60_000, '7d': 300_000 };
/** Pushes that ask again come at most this often (a storm of events must not become a storm of queries). */
const PUSH_THROTTLE_MS = 1000;

export interface Polled<T> {
  value: T | null;
  error: string | null;
}

/**
 * One invoke, asked again every `everyMs` and soon after any of `pushes` arrives (when `relevant`
 * says the push concerns it). The core computes; this only fetches and keeps the last answer.
 */
export function usePolled<C extends InvokeChannel>(
  channel: C,
  request: InvokeRequest<C>,
  everyMs: number,
  pushes: readonly PushChannel[] = [],
  relevant: (payload: unknown) => boolean = () => true,
): Polled<InvokeResponse<C>> {
  const client = useClient();
  const [state, setState] = useState<Polled<InvokeResponse<C>>>({ value: null, error: null });
  const key = JSON.stringify(request);
  const [forKey, setForKey] = useState(key);
  if (forKey !== key) {
    setForKey(key);
    setState({ value: null, error: null });
  }
  const pushKey = pushes.join(',');
  useEffect(() => {
    let live = true;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      pending = undefined;
      void client.invoke(channel, JSON.parse(key) as InvokeRequest<C>).then((r) => {
        if (live) setState(r.ok ? { value: r.value, error: null } : (cur) => ({ value: cur.value, error: r.error.message }));
      });
    };
    ask();
    const timer = setInterval(ask, everyMs);
    const offs = (pushKey ? pushKey.split(',') : []).map((p) =>
      client.on(p as PushChannel, (payload: unknown) => {
        try {
          if (pending === undefined && relevant(payload)) pending = setTimeout(ask, PUSH_THROTTLE_MS);
        } catch {
          // A payload this view cannot read is not a reason to stop refreshing.
        }
      }),
    );
    return () => {
      live = false;
      clearInterval(timer);
      if (pending !== undefined) clearTimeout(pending);
      for (const off of offs) off();
    };
    // `relevant` is read through the closure; callers pass a function of the same inputs as `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, channel, key, everyMs, pushKey]);
  return state;
}

const aboutServer = (serverId: string) => (payload: unknown) => {
  if (Array.isArray(payload)) return payload.some((e: { serverId?: unknown }) => e?.serverId === serverId);
  return (payload as { serverId?: unknown } | null)?.serverId === serverId;
};

export function useServerHistory(serverId: string, range: HistoryRange) {
  const every = REFRESH_MS[range];
  const series = usePolled('metrics:history', { serverId, range, names: ['qps', 'blockedPercent', 'cpu', 'memory'] }, every);
  const annotations = usePolled('metrics:annotations', { serverId, range }, every, ['events:onDidAppend', 'fleet:onDidChangeServer'], aboutServer(serverId));
  const forwarders = usePolled('metrics:forwarderHistory', { serverId, range }, every, ['events:onDidAppend', 'fleet:onDidChangeServer'], aboutServer(serverId));
  return { series, annotations, forwarders };
}

export function useFleetHistory(range: HistoryRange) {
  return usePolled('metrics:fleetHistory', { range }, REFRESH_MS[range]);
}

/** The matrix follows every status and verdict change (throttled), and is asked again every 15 s. */
export function useForwarderMatrix() {
  return usePolled('fleet:forwarderMatrix', {}, 15_000, ['fleet:onDidChangeServer', 'fleet:onDidChangeVerdict', 'fleet:onDidRemoveServer']);
}
