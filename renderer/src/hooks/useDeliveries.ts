import { useEffect, useState } from 'react';
import type { AlertDelivery } from '../../../shared/domain/delivery';
import { useClient } from '../store/StoreContext';

/** The contract's largest forwarding:deliveries request. */
const MAX_IDS = 1000;

/**
 * Where each listed alert was forwarded and what became of it: read once for the ids on screen,
 * then kept current by the core's forwarding:onDidChangeDelivery pushes.
 */
export function useDeliveries(alertIds: readonly string[]): ReadonlyMap<string, AlertDelivery[]> {
  const client = useClient();
  const [byAlert, setByAlert] = useState<ReadonlyMap<string, AlertDelivery[]>>(new Map());
  const key = alertIds.slice(0, MAX_IDS).join(' ');
  useEffect(() => {
    let live = true;
    const ids = key ? key.split(' ') : [];
    if (ids.length > 0) {
      void client.invoke('forwarding:deliveries', { alertIds: ids }).then((r) => {
        if (!live || !r.ok) return;
        setByAlert((old) => {
          const next = new Map(old);
          for (const id of ids) next.delete(id);
          for (const d of r.value) next.set(d.alertId, [...(next.get(d.alertId) ?? []), d]);
          return next;
        });
      });
    }
    return () => {
      live = false;
    };
  }, [client, key]);
  useEffect(
    () =>
      client.on('forwarding:onDidChangeDelivery', (d) =>
        setByAlert((old) => {
          const next = new Map(old);
          const others = (next.get(d.alertId) ?? []).filter((x) => !(x.target === d.target && x.transition === d.transition));
          next.set(d.alertId, [...others, d]);
          return next;
        }),
      ),
    [client],
  );
  return byAlert;
}
