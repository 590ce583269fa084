/**
 * Bounded heavy hitters (Space-Saving, Metwally et al. 2005, with batched eviction). A key's `count`
 * never under-counts it; `count - error` never over-counts it; a key not listed was seen at most as
 * often as the smallest listed count. This keeps a query storm's rollups at one bounded row per server
 * and bucket instead of a row per domain.
 *
 * Counting is a Map increment: up to `slack` keys are held exactly, and only when more arrive are all
 * but the top `capacity` dropped at once, newcomers then entering at the largest count dropped (`floor`)
 * as Space-Saving's do. Sketches merge in one pass (mergeSketches): a key missing from a full sketch may
 * have had up to that sketch's smallest count, so it is charged that much as count and as error.
 */

/** [key, count, error] — the stored form (JSON in query_rollups), largest count first. */
export type HitterRow = [string, number, number];

export interface Hitter {
  key: string;
  count: number;
  error: number;
}

export const SKETCH_CAPACITY = 50;
const SLACK = 4096;

const byCount = (a: Hitter, b: Hitter): number => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The `n` largest, largest first. Finds the n-th largest count with a numeric sort and sorts only
 * what makes the cut: a storm's thousands of names seen once are never compared as strings. Ties at
 * the cut are taken in the order given (the order they were first seen).
 */
export function topN(all: readonly Hitter[], n: number): Hitter[] {
  if (all.length <= n) return [...all].sort(byCount);
  const counts = Float64Array.from(all, (h) => h.count).sort();
  const cut = counts[counts.length - n]!;
  const above = all.filter((h) => h.count > cut);
  for (const h of all) {
    if (above.length >= n) break;
    if (h.count === cut) above.push(h);
  }
  return above.sort(byCount);
}

export class HeavyHitters {
  private counters = new Map<string, { count: number; error: number }>();
  /** No key outside the counters was seen more often than this. */
  private floor = 0;

  constructor(
    readonly capacity = SKETCH_CAPACITY,
    private readonly slack = SLACK,
  ) {}

  get size(): number {
    return this.counters.size;
  }

  add(key: string): void {
    const c = this.counters.get(key);
    if (c) {
      c.count++;
      return;
    }
    this.counters.set(key, { count: this.floor + 1, error: this.floor });
    if (this.counters.size > Math.max(this.slack, this.capacity)) this.compact();
  }

  /** The largest counters first. */
  top(n = this.capacity): Hitter[] {
    return topN(
      [...this.counters].map(([key, c]) => ({ key, count: c.count, error: c.error })),
      n,
    );
  }

  rows(): HitterRow[] {
    return this.top().map((h) => [h.key, h.count, h.error]);
  }

  private compact(): void {
    const kept = this.top();
    this.floor = Math.max(this.floor, kept[kept.length - 1]?.count ?? 0);
    this.counters = new Map(kept.map((h) => [h.key, { count: h.count, error: h.error }]));
  }
}

/**
 * Several sketches (rows of buckets, servers) as one, top `n` first. A sketch holding `capacity` rows is
 * full: keys it does not list are charged its smallest count. One pass over every row, whatever the number.
 */
export function mergeSketches(sketches: Iterable<readonly HitterRow[]>, n = SKETCH_CAPACITY, capacity = SKETCH_CAPACITY): Hitter[] {
  const acc = new Map<string, { count: number; error: number; minsWhereListed: number }>();
  let mins = 0;
  for (const rows of sketches) {
    const min = rows.length >= capacity ? Math.min(...rows.map((r) => r[1])) : 0;
    mins += min;
    for (const [key, count, error] of rows) {
      const a = acc.get(key);
      if (a) {
        a.count += count;
        a.error += error;
        a.minsWhereListed += min;
      } else acc.set(key, { count, error, minsWhereListed: min });
    }
  }
  const out: Hitter[] = [];
  for (const [key, a] of acc) {
    const charged = mins - a.minsWhereListed;
    out.push({ key, count: a.count + charged, error: a.error + charged });
  }
  return topN(out, n);
}

export const toRows = (hitters: readonly Hitter[]): HitterRow[] => hitters.map((h) => [h.key, h.count, h.error]);
