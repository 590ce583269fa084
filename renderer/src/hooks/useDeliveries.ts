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
          for (const d of r.value) next.set(d.alertId, withDelivery(next.get(d.alertId) ?? [], d));
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
        setByAlert((old) => new Map(old).set(d.alertId, withDelivery(old.get(d.alertId) ?? [], d))),
      ),
    [client],
  );
  return byAlert;
}

/**
 * One delivery per (target, transition), the newer one kept: a read answered after a push must not
 * put back an older state. Attempts only grow in the outbox, so they order two copies of one delivery.
 */
function withDelivery(list: readonly AlertDelivery[], d: AlertDelivery): AlertDelivery[] {
  const same = (x: AlertDelivery) => x.target === d.target && x.transition === d.transition;
  const known = list.find(same);
  if (!known) return [...list, d];
  // In place: the order (firing before resolve) is what deliveriesByTarget reads.
  return known.attempts > d.attempts ? [...list] : list.map((x) => (same(x) ? d : x));
}
