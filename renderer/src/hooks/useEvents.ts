import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { ApiResult } from '../../../shared/ipc/contract';
import type { EventFilter, EventPage } from '../../../shared/ipc/schemas';
import { describeError } from '../api/FleetClient';
import { cleanFilter, liveMatch, prependEvents } from '../lib/eventFilter';
import { frameBatcher } from '../lib/frameBatch';
import { useClient } from '../store/StoreContext';

const PAGE = 200;
const CAP = 20_000;

export interface EventsView {
  items: readonly FleetEvent[];
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore(): void;
  /** Arrivals held back because the user is not viewing the newest rows or paused the list. */
  pending: number;
  /** Arrivals that may match but only the core can tell (search, time range). */
  maybeNew: number;
  /** Whether the newest rows are in view (live rows are prepended only then, and not while paused). */
  setFollowing(following: boolean): void;
  paused: boolean;
  setPaused(paused: boolean): void;
  reload(): void;
}

/** Live arrivals not shown yet: the newest `cap` of them, and how many came in all. */
class HeldEvents {
  private events: FleetEvent[] = [];
  count = 0;
  constructor(private readonly cap: number) {}
  add(events: readonly FleetEvent[]): void {
    this.count += events.length;
    for (const e of events) this.events.push(e);
    // Trimmed in steps, not per arrival: a storm while scrolled away costs no copying per push.
    if (this.events.length > 2 * this.cap) this.events = this.events.slice(-this.cap);
  }
  /** Everything held, or null when more arrived than were kept (the list then reloads: no gap). */
  take(): FleetEvent[] | null {
    const all = this.count > this.cap ? null : this.events;
    this.events = [];
    this.count = 0;
    return all;
  }
}

/** Keyset-paged events for a filter, with live arrivals prepended (once per frame) while following the newest. */
export function useEvents(filter: EventFilter, opts: { pageSize?: number; cap?: number } = {}): EventsView {
  const client = useClient();
  const key = JSON.stringify(cleanFilter(filter));
  const pageSize = opts.pageSize ?? PAGE;
  const cap = opts.cap ?? CAP;
  const [items, setItems] = useState<FleetEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(0);
  const [maybeNew, setMaybeNew] = useState(0);
  const [generation, setGeneration] = useState(0);
  const [paused, setPausedState] = useState(false);
  const live = useRef({ following: true, paused: false });
  const held = useRef(new HeldEvents(cap));
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
    setPending(0);
    setMaybeNew(0);
  }

  useEffect(() => {
    const f = JSON.parse(key) as EventFilter;
    const seq = ++latest.current;
    busy.current = true;
    held.current.take();
    void client.invoke('events:query', { filter: f, cursor: null, limit: pageSize }).then((r) => apply(seq, r, true));
    // One state update per frame however many pushes arrived in it, rendered as a transition (in
    // slices that yield to input) so a busy list never holds the main thread for long.
    const batch = frameBatcher<FleetEvent>((arrived) =>
      startTransition(() => {
        const yes = arrived.filter((e) => liveMatch(e, f) === 'yes');
        const unknown = arrived.filter((e) => liveMatch(e, f) === 'unknown').length;
        if (unknown) setMaybeNew((n) => n + unknown);
        if (yes.length === 0) return;
        if (live.current.following && !live.current.paused) return setItems((cur) => prependEvents(cur, yes, cap));
        held.current.add(yes);
        setPending(held.current.count);
      }),
    );
    const off = client.on('events:onDidAppend', (events) => batch.add(events));
    return () => {
      off();
      batch.dispose();
    };
  }, [client, key, pageSize, cap, apply, generation]);

  /** Shows what was held, if the list is live again; a backlog larger than the cap reloads instead. */
  const release = useCallback(() => {
    if (!live.current.following || live.current.paused || held.current.count === 0) return;
    const events = held.current.take();
    setPending(0);
    if (events === null) setGeneration((g) => g + 1);
    else setItems((cur) => prependEvents(cur, events, cap));
  }, [cap]);

  const setFollowing = useCallback(
    (following: boolean) => {
      if (live.current.following === following) return;
      live.current.following = following;
      release();
    },
    [release],
  );
  const setPaused = useCallback(
    (next: boolean) => {
      live.current.paused = next;
      setPausedState(next);
      release();
    },
    [release],
  );

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
      void client
        .invoke('events:query', { filter: JSON.parse(key) as EventFilter, cursor, limit: pageSize })
        .then((r) => apply(seq, r, false));
    },
    pending,
    maybeNew,
    setFollowing,
    paused,
    setPaused,
    reload: () => setGeneration((g) => g + 1),
  };
}
