/**
 * Messages per type over the last minute, cheap enough for every frame of a storm: twelve 5-second
 * buckets per type in one typed array, rotated lazily when time moves on. The number of types is
 * capped (a hostile server inventing a new type per frame must not grow memory): past the cap,
 * new types count as "other".
 */
const BUCKET_MS = 5_000;
const BUCKETS = 12;
const MAX_TYPES = 64;
export const OTHER_TYPE = 'other';

interface TypeCounts {
  recent: Uint32Array;
  total: number;
}

export class FrameRates {
  private readonly types = new Map<string, TypeCounts>();
  private bucket = -1;
  total = 0;

  /** Counts one message of `type` received at `at` (epoch ms). */
  add(type: string, at: number): void {
    this.rotate(at);
    let c = this.types.get(type);
    if (!c) {
      const key = this.types.size < MAX_TYPES ? type : OTHER_TYPE;
      c = this.types.get(key) ?? { recent: new Uint32Array(BUCKETS), total: 0 };
      this.types.set(key, c);
    }
    c.recent[this.bucket % BUCKETS]!++;
    c.total++;
    this.total++;
  }

  /** Per type over the last minute (the current bucket included), most first; zero rows left out. */
  lastMinute(now: number): Array<{ type: string; count: number }> {
    this.rotate(now);
    const rows: Array<{ type: string; count: number }> = [];
    for (const [type, c] of this.types) {
      let n = 0;
      for (let i = 0; i < BUCKETS; i++) n += c.recent[i]!;
      if (n > 0) rows.push({ type, count: n });
    }
    return rows.sort(byCount);
  }

  totals(): Array<{ type: string; count: number }> {
    return [...this.types].map(([type, c]) => ({ type, count: c.total })).sort(byCount);
  }

  /** Zeroes the buckets time has passed since the last call. */
  private rotate(at: number): void {
    const b = Math.floor(at / BUCKET_MS);
    if (b === this.bucket) return;
    if (this.bucket >= 0 && b > this.bucket) {
      const steps = Math.min(b - this.bucket, BUCKETS);
      for (const c of this.types.values()) for (let i = 1; i <= steps; i++) c.recent[(this.bucket + i) % BUCKETS] = 0;
    }
    if (b > this.bucket) this.bucket = b;
  }
}

const byCount = (a: { type: string; count: number }, b: { type: string; count: number }): number =>
  b.count - a.count || (a.type < b.type ? -1 : 1);
