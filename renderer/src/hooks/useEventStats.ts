import { startTransition, useEffect, useState } from 'react';
import type { EventFacets, EventFilter, Histogram } from '../../../shared/ipc/schemas';
import { cleanFilter } from '../lib/eventFilter';
import { useClient } from '../store/StoreContext';

const REFRESH_AFTER_APPEND_MS = 3000;

/**
 * Facet counts and the histogram for a filter. The core counts each facet under every filter but
 * its own (a chosen server still shows the others' counts) and the total under the whole filter.
 */
export function useEventStats(filter: EventFilter, buckets = 60): { facets: EventFacets | null; histogram: Histogram | null } {
  const client = useClient();
  const key = JSON.stringify(cleanFilter(filter));
  const [facets, setFacets] = useState<EventFacets | null>(null);
  const [histogram, setHistogram] = useState<Histogram | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    const f = JSON.parse(key) as EventFilter;
    // Transitions: React renders the counts and the chart in slices that yield to input, not one long task.
    void client.invoke('events:facets', { filter: f }).then((r) => live && r.ok && startTransition(() => setFacets(r.value)));
    void client.invoke('events:histogram', { filter: f, buckets }).then((r) => live && r.ok && startTransition(() => setHistogram(r.value)));
    return () => {
      live = false;
    };
  }, [client, key, buckets, tick]);

  // New events change the counts; refresh at most every few seconds even during a storm.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.on('events:onDidAppend', () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setTick((t) => t + 1);
      }, REFRESH_AFTER_APPEND_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [client]);

  return { facets, histogram };
}
