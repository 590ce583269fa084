/**
 * A bounded "seen recently" set: the oldest key is forgotten first. De-duplicates frames
 * (unified id or type+timestamp+hash) and derived changes without growing forever, and on the
 * event log's writer thread the recent dedupKey hashes (numbers).
 * A ring of keys next to a Set keeps every operation O(1); evicting through a Map iterator
 * instead costs O(deleted entries) per call in V8 and dominated the ingest profile.
 */
export class DedupCache<K extends string | number = string> {
  private readonly seen = new Set<K>();
  private readonly ring: (K | undefined)[];
  private head = 0;

  constructor(private readonly capacity = 20_000) {
    this.ring = new Array<K | undefined>(capacity);
  }

  /** True the first time a key is offered (and remembers it); false for a duplicate. */
  admit(key: K): boolean {
    if (this.seen.has(key)) return false;
    const evicted = this.ring[this.head];
    if (evicted !== undefined) this.seen.delete(evicted);
    this.ring[this.head] = key;
    this.head = (this.head + 1) % this.capacity;
    this.seen.add(key);
    return true;
  }

  has(key: K): boolean {
    return this.seen.has(key);
  }

  get size(): number {
    return this.seen.size;
  }

  clear(): void {
    this.seen.clear();
    this.ring.fill(undefined);
    this.head = 0;
  }
}
