/**
 * Collects what arrives between two animation frames and hands it over once per frame, so a storm
 * of pushes costs one state update (one render) per frame instead of one per push. A timer backs
 * the frame up: a hidden window gets no animation frames, and its backlog must not grow unbounded.
 */
export interface FrameScheduler {
  frame(run: () => void): () => void;
  timer(run: () => void, ms: number): () => void;
}

export const browserScheduler: FrameScheduler = {
  frame: (run) => {
    const id = requestAnimationFrame(run);
    return () => cancelAnimationFrame(id);
  },
  timer: (run, ms) => {
    const id = setTimeout(run, ms);
    return () => clearTimeout(id);
  },
};

/** Flush after the next frame, or after this long when no frame comes (hidden window). */
const FALLBACK_MS = 250;

export interface FrameBatcher<T> {
  add(items: readonly T[]): void;
  /** Drops what is waiting and stops; nothing is flushed after this. */
  dispose(): void;
}

export function frameBatcher<T>(flush: (items: T[]) => void, scheduler: FrameScheduler = browserScheduler): FrameBatcher<T> {
  let waiting: T[] = [];
  let cancels: (() => void)[] = [];
  let disposed = false;
  const run = () => {
    for (const cancel of cancels.splice(0)) cancel();
    const items = waiting;
    waiting = [];
    if (items.length > 0 && !disposed) flush(items);
  };
  return {
    add(items) {
      if (disposed || items.length === 0) return;
      for (const item of items) waiting.push(item);
      if (cancels.length === 0) cancels = [scheduler.frame(run), scheduler.timer(run, FALLBACK_MS)];
    },
    dispose() {
      disposed = true;
      waiting = [];
      for (const cancel of cancels.splice(0)) cancel();
    },
  };
}
