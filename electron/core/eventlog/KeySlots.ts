/**
 * Hands out `events.key` values: `occurredMs * 1024 + n`, the first free slot n of that
 * millisecond (spilling into the next millisecond when all 1024 are taken).
 *
 * There is one writer, so a millisecond above the table's highest key at start-up has only ever
 * been filled by this allocator: its next free slot is remembered here and no query is needed.
 * Older milliseconds (a late event, or ones forgotten to keep the memory bounded) ask SQLite.
 * Asking per event cost a query each whenever 50 servers' clocks interleave.
 */
import { deleteFromProbeRun, probeHome } from '../util/probeRun';
import { KEY_SLOTS, MAX_KEY_MS } from './eventRows';

/** Milliseconds remembered; beyond it the earliest-remembered is forgotten (and then asked for). */
const REMEMBERED_MS = 50_000;

/**
 * millisecond -> next free key, for the REMEMBERED_MS milliseconds seen most recently first, in
 * typed arrays (open addressing, deletion by backward shift, a ring in first-seen order). A Map
 * keyed by millisecond (not a small integer, so boxed) cost ~0.9 µs an event on the writer thread.
 */
class SlotTable {
  /** ms + 1 per slot (0 = empty), and that millisecond's next free key. */
  private readonly ms: Float64Array;
  private readonly next: Float64Array;
  private readonly mask: number;
  private readonly shift: number;
  /** ms + 1 in first-seen order, oldest at `head` once full (0 = unused). */
  private readonly ring: Float64Array;
  private head = 0;

  constructor(private readonly capacity: number) {
    let bits = 1;
    while (1 << bits < capacity * 2) bits++;
    const size = 1 << bits;
    this.ms = new Float64Array(size);
    this.next = new Float64Array(size);
    this.mask = size - 1;
    this.shift = 32 - bits;
    this.ring = new Float64Array(capacity);
  }

  /** The next free key remembered for `ms`, or -1. */
  get(ms: number): number {
    const i = this.find(ms + 1);
    return i < 0 ? -1 : this.next[i]!;
  }

  /** Remembers `ms`'s next free key. Returns the millisecond forgotten to make room, or -1. */
  set(ms: number, nextKey: number): number {
    const k = ms + 1;
    const at = this.find(k);
    if (at >= 0) {
      this.next[at] = nextKey;
      return -1;
    }
    const evicted = this.ring[this.head]!;
    if (evicted !== 0) this.remove(evicted);
    this.ring[this.head] = k;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    let i = this.home(k);
    while (this.ms[i] !== 0) i = (i + 1) & this.mask;
    this.ms[i] = k;
    this.next[i] = nextKey;
    return evicted - 1;
  }

  clear(): void {
    this.ms.fill(0);
    this.ring.fill(0);
    this.head = 0;
  }

  /** Milliseconds are not hashed values: events a fixed step apart share their low bits (probeHome). */
  private home(k: number): number {
    return probeHome(k, this.mask, this.shift);
  }

  private find(k: number): number {
    for (let i = this.home(k); ; i = (i + 1) & this.mask) {
      const v = this.ms[i]!;
      if (v === k) return i;
      if (v === 0) return -1;
    }
  }

  private remove(k: number): void {
    const i = this.find(k);
    if (i >= 0) deleteFromProbeRun(this.ms, i, this.mask, this.shift, this.next);
  }
}

export class KeySlots {
  /** millisecond -> next free key in it. */
  private readonly next = new SlotTable(REMEMBERED_MS);
  /** Queries asked of SQLite so far (a storm should need almost none). */
  lookups = 0;
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

  /**
   * The key for an event of millisecond `ms`, marked as taken. Past MAX_KEY_MS keys would not be
   * exact in a double and would collide: packing stores such times at their receipt time
   * (eventRows.storedTime), so reaching it here is a bug, and it fails the batch rather than losing events.
   */
  take(ms: number): number {
    if (!(ms <= MAX_KEY_MS)) throw new RangeError(`event time ${ms} is beyond the key space (max ${MAX_KEY_MS})`);
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
    if (known >= 0) return known;
    return ms > this.askBelowMs ? base : this.asked(base);
  }

  private asked(base: number): number {
    this.lookups++;
    const taken = this.maxKeyIn(base, base + KEY_SLOTS);
    return taken === null ? base : taken + 1;
  }

  private remember(ms: number, nextKey: number): void {
    if (this.askBelowMs === Infinity) return;
    // A forgotten millisecond is asked for from now on (and so is every one before it).
    const forgotten = this.next.set(ms, nextKey);
    if (forgotten >= 0) this.askBelowMs = Math.max(this.askBelowMs, forgotten);
  }
}
