import { useCallback, useEffect, useRef, useState } from 'react';
import { TAIL_CAPACITY, type TailFrame } from '../../../shared/domain/inspector';
import { useClient } from '../store/StoreContext';
import { useInspectorLease } from './useInspector';

export interface FrameTailView {
  /** Newest first, as last shown (frozen while paused). */
  frames: TailFrame[];
  paused: boolean;
  setPaused(paused: boolean): void;
  error: string | null;
}

/**
 * The raw frame tail of one server while mounted: the core records it only while this lease asks
 * for frames, and the page holds at most the same 500. Pausing freezes what is shown; frames keep
 * arriving underneath and show on resume.
 */
export function useFrameTail(serverId: string): FrameTailView {
  const client = useClient();
  const held = useRef<TailFrame[]>([]);
  const [shown, setShown] = useState<TailFrame[]>([]);
  const [paused, setPausedState] = useState(false);
  const pausedRef = useRef(false);
  const publish = useCallback(() => {
    if (!pausedRef.current) setShown([...held.current].reverse());
  }, []);
  const lease = useInspectorLease(serverId, true, (reply) => {
    held.current = (reply.frames ?? []).slice(-TAIL_CAPACITY);
    publish();
  });
  // The caller keys this view by server, so a new server starts with an empty tail.
  useEffect(() => {
    return client.on('inspector:onDidReceiveFrames', (m) => {
      if (m.serverId !== serverId) return;
      const next = held.current.concat(m.frames);
      held.current = next.length > TAIL_CAPACITY ? next.slice(next.length - TAIL_CAPACITY) : next;
      publish();
    });
  }, [client, serverId, publish]);
  const setPaused = useCallback(
    (p: boolean) => {
      pausedRef.current = p;
      setPausedState(p);
      if (!p) publish();
    },
    [publish],
  );
  return { frames: shown, paused, setPaused, error: lease.error };
}
