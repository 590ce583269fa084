/**
 * A fixed-capacity time series: two typed arrays, no per-point objects, oldest overwritten.
 * Points closer than `minSpacingMs` to the last one replace it, so a storm of query_update
 * frames costs one slot per second instead of the whole history.
 */
export class RingBuffer {
  private readonly t: Float64Array;
  private readonly v: Float64Array;
  private start = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    private readonly minSpacingMs: number,
  ) {
    this.t = new Float64Array(capacity);
    this.v = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Returns true when a new slot was used, false when the latest point was updated in place. */
  push(t: number, v: number): boolean {
    if (this.count > 0) {
      const last = (this.start + this.count - 1) % this.capacity;
      if (t < this.t[last]!) return false; // out of order: the chart only moves forward
      if (t - this.t[last]! < this.minSpacingMs) {
        this.v[last] = v;
        return false;
      }
    }
    const at = (this.start + this.count) % this.capacity;
    this.t[at] = t;
    this.v[at] = v;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    return true;
  }

  /** Index of the first point with t >= sinceMs (binary search over the logical order). */
  firstAtOrAfter(sinceMs: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < sinceMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  timeAt(i: number): number {
    return this.t[(this.start + i) % this.capacity]!;
  }

  valueAt(i: number): number {
    return this.v[(this.start + i) % this.capacity]!;
  }
}
