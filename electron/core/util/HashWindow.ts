/**
 * De-duplication by 53-bit hash: the hash itself, and a window of recently seen hashes.
 */
import { deleteFromProbeRun, probeHome } from './probeRun';

/**
 * The 53-bit hash of a dedupKey (cyrb53) that the event log's unique index and the de-duplication
 * windows hold: 8 bytes an entry instead of the key's 40 to 80. Exact in a double and in SQLite's
 * INTEGER. A collision (odds about 1 in 10^4 across ten million keys) would drop one event as a
 * duplicate; within a window of 100,000 the odds are about 1 in 10^11 per event.
 */
export function dedupHash(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A bounded "seen recently" set of dedupHash values: the oldest is forgotten first. It de-duplicates
 * frames (per server), derived changes and threats, and the event log writer's live rows, without
 * growing forever. An open-addressing table (linear probing, deletion by backward shift, so no
 * tombstones) sits next to a ring of keys in admission order. A Set of key strings (the earlier
 * DedupCache) hashed and compared each string and a Set of numbers boxed each one; on the storm's
 * hot paths those were about a twentieth of each thread. This allocates nothing after construction.
 */
export class HashWindow {
  /** key + 1 per slot (0 = empty); its length is a power of two at least twice the capacity. */
  private readonly slots: Float64Array;
  private readonly mask: number;
  /** The admitted keys + 1, oldest at `head` once the ring is full (0 = unused). */
  private readonly ring: Float64Array;
  private head = 0;
  private count = 0;
  /** While a transaction is open: what each admission evicted (+1, 0 for nothing). */
  private journal: number[] | null = null;

  constructor(readonly capacity: number) {
    let size = 2;
    while (size < capacity * 2) size *= 2;
    this.slots = new Float64Array(size);
    this.mask = size - 1;
    this.ring = new Float64Array(capacity);
  }

  /** True the first time a hash is offered (and remembers it); false for a duplicate. */
  admit(key: number): boolean {
    if (this.has(key)) return false;
    this.add(key);
    return true;
  }

  /** Remembers a hash the caller has just checked with has(). */
  add(key: number): void {
    const evicted = this.ring[this.head]!;
    if (evicted !== 0) this.remove(evicted);
    this.journal?.push(evicted);
    this.ring[this.head] = key + 1;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    this.insert(key + 1);
  }

  has(key: number): boolean {
    const k = key + 1;
    for (let i = this.home(k); ; i = (i + 1) & this.mask) {
      const v = this.slots[i]!;
      if (v === k) return true;
      if (v === 0) return false;
    }
  }

  get size(): number {
    return this.count;
  }

  /** Admissions from here on can be undone; nested calls join the open transaction. */
  begin(): void {
    this.journal ??= [];
  }

  commit(): void {
    this.journal = null;
  }

  /** Forgets what was admitted since begin() and brings back what those admissions evicted. */
  rollback(): void {
    const journal = this.journal;
    this.journal = null;
    if (!journal) return;
    for (let i = journal.length - 1; i >= 0; i--) {
      this.head = (this.head - 1 + this.capacity) % this.capacity;
      this.remove(this.ring[this.head]!);
      const evicted = journal[i]!;
      this.ring[this.head] = evicted;
      if (evicted !== 0) this.insert(evicted);
    }
  }

  /** Low bits of the stored value: dedupHash mixes its low 32 bits well. */
  private home(k: number): number {
    return probeHome(k, this.mask, 0);
  }

  private insert(k: number): void {
    let i = this.home(k);
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    this.slots[i] = k;
    this.count++;
  }

  /** Deletes `k` and shifts later members of its probe run back, so lookups never need tombstones. */
  private remove(k: number): void {
    let i = this.home(k);
    while (this.slots[i] !== k) {
      if (this.slots[i] === 0) return;
      i = (i + 1) & this.mask;
    }
    this.count--;
    deleteFromProbeRun(this.slots, i, this.mask, 0);
  }
}
