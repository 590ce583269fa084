/**
 * A bounded "seen recently" set: the oldest key is forgotten first. De-duplicates frames
 * (unified id or type+timestamp+hash) and derived changes without growing forever.
 * A ring of keys next to a Set keeps every operation O(1); evicting through a Map iterator
 * instead costs O(deleted entries) per call in V8 and dominated the ingest profile.
 */
export class DedupCache {
  private readonly seen = new Set<string>();
  private readonly ring: (string | undefined)[];
  private head = 0;

  constructor(private readonly capacity = 20_000) {
    this.ring = new Array<string | undefined>(capacity);
  }

  /** True the first time a key is offered (and remembers it); false for a duplicate. */
  admit(key: string): boolean {
    if (this.seen.has(key)) return false;
    const evicted = this.ring[this.head];
    if (evicted !== undefined) this.seen.delete(evicted);
    this.ring[this.head] = key;
    this.head = (this.head + 1) % this.capacity;
    this.seen.add(key);
    return true;
  }

  has(key: string): boolean {
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
