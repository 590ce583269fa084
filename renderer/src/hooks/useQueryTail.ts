import { startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { frameBatcher } from '../lib/frameBatch';
import { matchesTail, RateCounter, SampleRing, toQuerySample, type QuerySample, type TailFilter } from '../lib/queryTail';
import { useClient } from '../store/StoreContext';

/** Rows kept: the tail's memory is this many samples whatever the storm. */
export const TAIL_ROWS = 500;
const SEED = 100;
const RATE_SECONDS = 60;

type Point = { t: number; v: number };

export interface QueryTailView {
  /** Newest first, matching the filter; frozen while paused. */
  rows: readonly QuerySample[];
  /** Samples received per second over the last minute (all of this server's, not only matching). */
  rate: readonly Point[];
  paused: boolean;
  setPaused(paused: boolean): void;
  /** Samples that arrived since the pause. */
  arrivedWhilePaused: number;
  loading: boolean;
}

interface TailState {
  all: QuerySample[];
  total: number;
  rate: Point[];
}

const EMPTY: TailState = { all: [], total: 0, rate: [] };

/**
 * A server's live query samples: the query_update events the core pushes, kept in a ring of
 * TAIL_ROWS and re-rendered at most once per animation frame however fast they arrive.
 */
export function useQueryTail(serverId: string, filter: TailFilter): QueryTailView {
  const client = useClient();
  const [tail, setTail] = useState<TailState>(EMPTY);
  const [loading, setLoading] = useState(true);
  const [frozen, setFrozen] = useState<{ rows: QuerySample[]; total: number } | null>(null);
  // Another server starts from an empty tail (reset during render, not in an effect: no stale frame).
  const [forServer, setForServer] = useState(serverId);
  if (forServer !== serverId) {
    setForServer(serverId);
    setTail(EMPTY);
    setLoading(true);
    setFrozen(null);
  }

  useEffect(() => {
    const ring = new SampleRing(TAIL_ROWS);
    const rate = new RateCounter(RATE_SECONDS);
    // A transition: React renders the rows in slices that yield, never one long task per update.
    const show = (at: number) => startTransition(() => setTail({ all: ring.newestFirst(), total: ring.total, rate: rate.series(at) }));
    let live = true;
    // Seeded with the newest stored samples, so the tail is not empty until the next one arrives.
    void client
      .invoke('events:query', { filter: { servers: [serverId], types: ['query_update'] }, cursor: null, limit: SEED })
      .then((r) => {
        if (!live) return;
        setLoading(false);
        if (!r.ok || ring.total > 0) return;
        ring.push(samplesOf([...r.value.items].reverse(), serverId, (e) => Date.parse(e.occurredAt)));
        show(Date.now());
      });
    const batch = frameBatcher<FleetEvent>((events) => {
      const at = Date.now();
      const samples = samplesOf(events, serverId, () => at);
      if (samples.length === 0) return;
      ring.push(samples);
      rate.add(samples.length, at);
      show(at);
    });
    const off = client.on('events:onDidAppend', (events) => batch.add(events));
    // The sparkline moves on (down to zero) when nothing arrives.
    const tick = setInterval(() => setTail((t) => ({ ...t, rate: rate.series(Date.now()) })), 1000);
    return () => {
      live = false;
      off();
      batch.dispose();
      clearInterval(tick);
    };
  }, [client, serverId]);

  const setPaused = useCallback((paused: boolean) => setFrozen(paused ? { rows: tail.all, total: tail.total } : null), [tail]);
  const rows = useMemo(() => (frozen ? frozen.rows : tail.all).filter((s) => matchesTail(s, filter)), [frozen, tail.all, filter]);
  return { rows, rate: tail.rate, paused: frozen !== null, setPaused, arrivedWhilePaused: frozen ? tail.total - frozen.total : 0, loading };
}

function samplesOf(events: readonly FleetEvent[], serverId: string, receivedAt: (e: FleetEvent) => number): QuerySample[] {
  const out: QuerySample[] = [];
  for (const e of events) {
    const s = toQuerySample(e, serverId, receivedAt(e));
    if (s) out.push(s);
  }
  return out;
}
