/**
 * A bounded heavy-hitters sketch (Space-Saving, Metwally et al. 2005): at most `capacity` counters,
 * whatever the number of distinct keys. A key's `count` never under-counts it; `count - error` never
 * over-counts it. Sketches merge (Cafaro et al.): a key missing from a full sketch may have had up to
 * that sketch's smallest count, so it is charged that much as count and as error. This is what keeps a
 * query storm's rollups at one bounded row per server and bucket instead of a row per domain.
 */

/** [key, count, error] — the stored form (JSON in query_rollups). */
export type HitterRow = [string, number, number];

export interface Hitter {
  key: string;
  count: number;
  error: number;
}

export const SKETCH_CAPACITY = 50;

export class HeavyHitters {
  private readonly counters = new Map<string, { count: number; error: number }>();

  constructor(readonly capacity = SKETCH_CAPACITY) {}

  static fromRows(rows: readonly HitterRow[], capacity = SKETCH_CAPACITY): HeavyHitters {
    const s = new HeavyHitters(capacity);
    s.merge(rows);
    return s;
  }

  get size(): number {
    return this.counters.size;
  }

  add(key: string, n = 1): void {
    const c = this.counters.get(key);
    if (c) {
      c.count += n;
      return;
    }
    if (this.counters.size < this.capacity) {
      this.counters.set(key, { count: n, error: 0 });
      return;
    }
    // Full: the smallest counter is taken over; the newcomer inherits its count as error.
    const [minKey, min] = this.smallest();
    this.counters.delete(minKey);
    this.counters.set(key, { count: min.count + n, error: min.count });
  }

  /** Adds another sketch's rows (a bucket written earlier, or another server's). */
  merge(rows: readonly HitterRow[]): void {
    const otherFull = rows.length >= this.capacity;
    const otherMin = otherFull ? Math.min(...rows.map((r) => r[1])) : 0;
    const selfMin = this.counters.size >= this.capacity ? this.smallest()[1].count : 0;
    const seen = new Set<string>();
    for (const [key, count, error] of rows) {
      seen.add(key);
      const c = this.counters.get(key);
      if (c) {
        c.count += count;
        c.error += error;
      } else this.counters.set(key, { count: count + selfMin, error: error + selfMin });
    }
    if (otherMin > 0) {
      for (const [key, c] of this.counters) {
        if (seen.has(key)) continue;
        c.count += otherMin;
        c.error += otherMin;
      }
    }
    this.trim();
  }

  /** The largest counters first (ties by key, so answers are stable). */
  top(n = this.capacity): Hitter[] {
    return [...this.counters]
      .map(([key, c]) => ({ key, count: c.count, error: c.error }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, n);
  }

  rows(): HitterRow[] {
    return this.top().map((h) => [h.key, h.count, h.error]);
  }

  private trim(): void {
    if (this.counters.size <= this.capacity) return;
    const keep = new Set(this.top().map((h) => h.key));
    for (const key of [...this.counters.keys()]) if (!keep.has(key)) this.counters.delete(key);
  }

  private smallest(): [string, { count: number; error: number }] {
    let found: [string, { count: number; error: number }] | null = null;
    for (const e of this.counters) if (!found || e[1].count < found[1].count) found = e;
    return found!;
  }
}
