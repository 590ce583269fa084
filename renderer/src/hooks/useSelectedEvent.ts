import { useEffect, useState } from 'react';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { useClient } from '../store/StoreContext';

/**
 * The event a URL points at: from the loaded rows when it is there, otherwise asked of the core by
 * its time (a shared link rarely lands on a page that holds it).
 */
export function useSelectedEvent(eventId: string | undefined, eventAt: string | undefined, loaded: readonly FleetEvent[]): { event: FleetEvent | null; missing: boolean } {
  const client = useClient();
  const inPage = eventId ? (loaded.find((e) => e.id === eventId) ?? null) : null;
  const [fetched, setFetched] = useState<{ id: string; event: FleetEvent | null } | null>(null);

  useEffect(() => {
    if (!eventId || inPage || !eventAt) return;
    let live = true;
    const t = Date.parse(eventAt);
    const filter = { since: new Date(t).toISOString(), until: new Date(t + 1).toISOString() };
    void client.invoke('events:query', { filter, cursor: null, limit: 1000 }).then((r) => {
      if (live) setFetched({ id: eventId, event: r.ok ? (r.value.items.find((e) => e.id === eventId) ?? null) : null });
    });
    return () => {
      live = false;
    };
  }, [client, eventId, eventAt, inPage]);

  if (!eventId) return { event: null, missing: false };
  if (inPage) return { event: inPage, missing: false };
  const answer = fetched?.id === eventId ? fetched : null;
  return { event: answer?.event ?? null, missing: !eventAt || (answer !== null && answer.event === null) };
}
