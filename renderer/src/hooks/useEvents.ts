import { useCallback, useEffect, useRef, useState } from 'react';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { ApiResult } from '../../../shared/ipc/contract';
import type { EventFilter, EventPage } from '../../../shared/ipc/schemas';
import { describeError } from '../api/FleetClient';
import { cleanFilter, liveMatch, prependEvents } from '../lib/eventFilter';
import { useClient } from '../store/StoreContext';

const PAGE = 200;
const CAP = 20_000;

export interface EventsView {
  items: readonly FleetEvent[];
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore(): void;
  /** Arrivals held back because the user is not viewing the newest rows. */
  pending: number;
  /** Arrivals that may match but only the core can tell (search, time range). */
  maybeNew: number;
  /** Whether new rows are prepended live (true while the newest rows are in view). */
  setFollowing(following: boolean): void;
  reload(): void;
}

/** Keyset-paged events for a filter, with live arrivals prepended while following the newest. */
export function useEvents(filter: EventFilter, opts: { pageSize?: number } = {}): EventsView {
  const client = useClient();
  const key = JSON.stringify(cleanFilter(filter));
  const pageSize = opts.pageSize ?? PAGE;
  const [items, setItems] = useState<FleetEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [held, setHeld] = useState<FleetEvent[]>([]);
  const [maybeNew, setMaybeNew] = useState(0);
  const [generation, setGeneration] = useState(0);
  const following = useRef(true);
  const busy = useRef(false);
  const latest = useRef(0);

  /** Applies one page answer, unless a newer request (another filter) superseded it. */
  const apply = useCallback((seq: number, r: ApiResult<EventPage>, replace: boolean) => {
    if (seq !== latest.current) return;
    busy.current = false;
    setLoading(false);
    if (!r.ok) return setError(describeError(r));
    setError(null);
    setCursor(r.value.nextCursor);
    setItems((cur) => (replace ? r.value.items : [...cur, ...r.value.items]));
  }, []);

  // A new filter starts from an empty list (reset during render, not in an effect: no stale frame).
  const [forKey, setForKey] = useState(`${key}#${generation}`);
  if (forKey !== `${key}#${generation}`) {
    setForKey(`${key}#${generation}`);
    setLoading(true);
    setItems([]);
    setHeld([]);
    setMaybeNew(0);
  }

  useEffect(() => {
    const f = JSON.parse(key) as EventFilter;
    const seq = ++latest.current;
    busy.current = true;
    void client.invoke('events:query', { filter: f, cursor: null, limit: pageSize }).then((r) => apply(seq, r, true));
    return client.on('events:onDidAppend', (batch) => {
      const yes = batch.filter((e) => liveMatch(e, f) === 'yes');
      const unknown = batch.filter((e) => liveMatch(e, f) === 'unknown').length;
      if (unknown) setMaybeNew((n) => n + unknown);
      if (yes.length === 0) return;
      if (following.current) setItems((cur) => prependEvents(cur, yes, CAP));
      else setHeld((cur) => [...cur, ...yes]);
    });
  }, [client, key, pageSize, apply, generation]);

  const setFollowing = useCallback((next: boolean) => {
    following.current = next;
    if (!next) return;
    setHeld((h) => {
      if (h.length) setItems((cur) => prependEvents(cur, h, CAP));
      return [];
    });
  }, []);

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore: () => {
      if (cursor === null || busy.current) return;
      const seq = ++latest.current;
      busy.current = true;
      setLoading(true);
      void client.invoke('events:query', { filter: JSON.parse(key) as EventFilter, cursor, limit: pageSize }).then((r) => apply(seq, r, false));
    },
    pending: held.length,
    maybeNew,
    setFollowing,
    reload: () => setGeneration((g) => g + 1),
  };
}
