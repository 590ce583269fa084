/**
 * When no writer thread can start, the same WriterCore writes on the main thread. It must then
 * commit in slices and give the event loop turns between them: the whole app (sockets, watchdogs,
 * the page) shares that loop. A 20,000-event batch used to stall it for 645 ms in one turn.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WriterChannel } from '../../../electron/core/eventlog/WriterChannel';
import { sampleEvents } from '../../fixtures/eventlog/sampleEvents';
import { clockAt, harness, type Harness } from './helpers';

// No worker threads on this "platform": openWriterChannel falls back to writing in-thread.
vi.mock('node:worker_threads', async (importOriginal) => ({
  ...(await importOriginal<typeof import('node:worker_threads')>()),
  Worker: class {
    constructor() {
      throw new Error('worker threads are not available here');
    }
  },
}));

const NOW = Date.UTC(2025, 2, 1);
/**
 * Longest acceptable turn on a loaded two-core machine. A slice is at most 1,000 rows or ~20 ms
 * of writing; packing a batch on the main thread adds some. The unsliced writer took 645 ms.
 */
const MAX_LAG_MS = 200;

/** The longest a 5 ms timer was late while `work` ran: what a socket or a watchdog would feel. */
async function timerLag<T>(work: () => Promise<T>): Promise<{ result: T; maxLagMs: number }> {
  let maxLagMs = 0;
  let running = true;
  let due = performance.now() + 5;
  const probe = () => {
    maxLagMs = Math.max(maxLagMs, performance.now() - due);
    if (!running) return;
    due = performance.now() + 5;
    setTimeout(probe, 5);
  };
  setTimeout(probe, 5);
  const result = await work();
  running = false;
  return { result, maxLagMs };
}

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(async () => {
  await h.cleanup();
});

describe('the in-thread writer (no worker thread)', () => {
  it('commits a 20,000-event backlog in slices: every event stored in order, the loop never held long', async () => {
    const log = h.open({ clock: clockAt(NOW), maxBacklog: 50_000 });
    expect((log as unknown as { channel: WriterChannel }).channel.kind).toBe('in-thread');
    const events = sampleEvents(20_000);
    const seen: string[] = [];
    log.onDidCommit((b) => seen.push(...b.events.map((e) => e.id)));
    // Packing the events for the writer is the queue's work on this thread in either mode; measured here is the writing.
    log.append(events);
    const { maxLagMs } = await timerLag(() => log.flush());
    expect(log.count({})).toBe(20_000);
    expect(seen).toEqual(events.map((e) => e.id));
    expect(maxLagMs).toBeLessThan(MAX_LAG_MS);
  });
});
