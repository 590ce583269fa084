/**
 * Round-trip times of the link probe's WebSocket pings: the last one, and p50/p95 over the last
 * hour. A ping every 5 s per socket is at most ~1,500 samples an hour for a two-socket legacy pair;
 * the ring holds 2,048 and drops samples older than an hour when read.
 */
const HOUR = 60 * 60 * 1000;
const CAPACITY = 2048;

export class PingStats {
  private readonly at = new Float64Array(CAPACITY);
  private readonly rtt = new Float64Array(CAPACITY);
  private next = 0;
  private size = 0;
  sent = 0;
  answered = 0;
  lastMs: number | null = null;
  lastAt: number | null = null;

  record(at: number, rttMs: number): void {
    const ms = Math.round(rttMs * 100) / 100;
    this.at[this.next] = at;
    this.rtt[this.next] = ms;
    this.next = (this.next + 1) % CAPACITY;
    this.size = Math.min(this.size + 1, CAPACITY);
    this.answered++;
    this.lastMs = ms;
    this.lastAt = at;
  }

  /** p50 and p95 (nearest rank) of the samples of the hour before `now`. */
  percentiles(now: number): { p50: number | null; p95: number | null; samples: number } {
    const values: number[] = [];
    for (let i = 0; i < this.size; i++) if (now - this.at[i]! <= HOUR) values.push(this.rtt[i]!);
    if (values.length === 0) return { p50: null, p95: null, samples: 0 };
    values.sort((a, b) => a - b);
    return { p50: nearestRank(values, 0.5), p95: nearestRank(values, 0.95), samples: values.length };
  }
}

export function nearestRank(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
