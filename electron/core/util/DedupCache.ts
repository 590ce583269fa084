/**
 * A bounded "seen recently" set: the oldest key is forgotten first. De-duplicates derived changes
 * and threats without growing forever. The hot paths (every frame, every stored row) use
 * HashWindow, the same contract over 53-bit hashes in typed arrays.
 * A ring of keys next to a Set keeps every operation O(1); evicting through a Map iterator
 * instead costs O(deleted entries) per call in V8 and dominated the ingest profile.
 */
export class DedupCache<K extends string | number = string> {
  private readonly seen = new Set<K>();
  private readonly ring: (K | undefined)[];
  private head = 0;
  /** While a transaction is open: what each admission evicted, so rollback() can restore it. */
  private journal: (K | undefined)[] | null = null;

  constructor(private readonly capacity = 20_000) {
    this.ring = new Array<K | undefined>(capacity);
  }

  /** True the first time a key is offered (and remembers it); false for a duplicate. */
  admit(key: K): boolean {
    if (this.seen.has(key)) return false;
    this.add(key);
    return true;
  }

  /** Remembers a key the caller has just checked with has(): one hash lookup fewer than admit(). */
  add(key: K): void {
    const evicted = this.ring[this.head];
    if (evicted !== undefined) this.seen.delete(evicted);
    this.journal?.push(evicted);
    this.ring[this.head] = key;
    this.head = (this.head + 1) % this.capacity;
    this.seen.add(key);
  }

  /**
   * Admissions from here on can be undone (the event log's writer admits inside a database
   * transaction, which may fail and be retried). Nested calls join the open one.
   */
  begin(): void {
    this.journal ??= [];
  }

  /** Keeps what was admitted since begin(). */
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
      this.seen.delete(this.ring[this.head]!);
      const evicted = journal[i];
      this.ring[this.head] = evicted;
      if (evicted !== undefined) this.seen.add(evicted);
    }
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
    this.journal = null;
  }
}
