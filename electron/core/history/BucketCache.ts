/**
 * Remembers the finished steps of a series, so a chart asked again (every 10 s to 5 min, by every
 * open window, for every server on the dashboard) reads only the steps since. A step is taken as
 * finished one step after it ends (late rollups of the step before still land); the rest is read
 * again each time. Bounded: least recently used series go first.
 */
import type { RollupBucket } from '../eventlog/MetricRollups';

interface Entry {
  buckets: RollupBucket[];
  /** Steps before this time are final. */
  finalUntil: number;
}

export class BucketCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 2000) {}

  /** From when a series starting at `start` must be read (`start` when nothing useful is cached). */
  readFrom(key: string, start: number): number {
    const e = this.entries.get(key);
    return e && e.finalUntil > start ? e.finalUntil : start;
  }

  /** Cached steps in [start, before). */
  kept(key: string, start: number, before: number): RollupBucket[] {
    return (this.entries.get(key)?.buckets ?? []).filter((b) => b.t >= start && b.t < before);
  }

  put(key: string, buckets: RollupBucket[], now: number, stepMs: number, untilMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { buckets, finalUntil: Math.min(untilMs, Math.floor(now / stepMs) * stepMs - stepMs) });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** One series: `read(since)` reads [since, untilMs) from the rollups. */
  get(key: string, fromMs: number, untilMs: number, stepMs: number, now: number, read: (sinceMs: number) => RollupBucket[]): RollupBucket[] {
    const start = Math.floor(fromMs / stepMs) * stepMs;
    const since = this.readFrom(key, start);
    const buckets = [...this.kept(key, start, since), ...read(since)];
    this.put(key, buckets, now, stepMs, untilMs);
    return buckets;
  }
}
