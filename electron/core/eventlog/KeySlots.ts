/**
 * Hands out `events.key` values: `occurredMs * 1024 + n`, the first free slot n of that
 * millisecond (spilling into the next millisecond when all 1024 are taken).
 *
 * There is one writer, so a millisecond above the table's highest key at start-up has only ever
 * been filled by this allocator: its next free slot is remembered here and no query is needed.
 * Older milliseconds (a late event, or ones forgotten to keep the memory bounded) ask SQLite.
 * Asking per event cost a query each whenever 50 servers' clocks interleave.
 */
import { KEY_SLOTS } from './eventRows';

/** Milliseconds remembered; beyond it the oldest-remembered are forgotten (and then asked for). */
const REMEMBERED_MS = 50_000;

export class KeySlots {
  /** millisecond -> next free key in it. */
  private readonly next = new Map<number, number>();
  /** Milliseconds at or below this are asked for: SQLite may hold keys this allocator never saw. */
  private askBelowMs: number;

  constructor(
    maxKeyAtOpen: number | null,
    /** Highest key in [from, to), or null: a query on the writer's own connection. */
    private readonly maxKeyIn: (from: number, to: number) => number | null,
  ) {
    this.askBelowMs = maxKeyAtOpen === null ? -1 : Math.floor(maxKeyAtOpen / KEY_SLOTS);
  }

  /**
   * Another process wrote to this log (a key we handed out was taken): from now on every
   * millisecond is asked for, because its slots may change under us.
   */
  distrust(): void {
    this.askBelowMs = Infinity;
    this.next.clear();
  }

  /** The key for an event of millisecond `ms`, marked as taken. */
  take(ms: number): number {
    for (let m = Math.max(0, Math.floor(ms)); ; m++) {
      const key = this.nextIn(m);
      if (key < (m + 1) * KEY_SLOTS) {
        this.remember(m, key + 1);
        return key;
      }
      this.remember(m, key);
    }
  }

  private nextIn(ms: number): number {
    const base = ms * KEY_SLOTS;
    if (this.askBelowMs === Infinity) return this.asked(base);
    const known = this.next.get(ms);
    if (known !== undefined) return known;
    return ms > this.askBelowMs ? base : this.asked(base);
  }

  private asked(base: number): number {
    const taken = this.maxKeyIn(base, base + KEY_SLOTS);
    return taken === null ? base : taken + 1;
  }

  private remember(ms: number, nextKey: number): void {
    if (this.askBelowMs === Infinity) return;
    if (!this.next.has(ms) && this.next.size >= REMEMBERED_MS) {
      // Forget the earliest-remembered half; those milliseconds are asked for from now on.
      let n = 0;
      for (const old of this.next.keys()) {
        if (n++ >= REMEMBERED_MS / 2) break;
        this.askBelowMs = Math.max(this.askBelowMs, old);
        this.next.delete(old);
      }
    }
    this.next.set(ms, nextKey);
  }
}
