/**
 * A query rate from a server's running "queries today" counter: (newest - oldest) / elapsed over the
 * points of the last window. Points are stamped on arrival by the watcher's clock. A counter that goes
 * down (the server's day rolled over, or it restarted) starts the window again rather than reading as
 * a negative rate.
 */
export interface RateWindow {
  /** Points older than this behind the newest are dropped. */
  windowMs: number;
  /** Without a point this recent the rate is unknown (the counter stopped arriving). */
  staleMs: number;
  /** The points kept must span at least this long to give a rate. */
  minSpanMs: number;
}

const MAX_POINTS = 2_000;

export class CounterRate {
  private points: { t: number; v: number }[] = [];

  constructor(private readonly w: RateWindow) {}

  add(t: number, v: number): void {
    if (!Number.isFinite(v) || v < 0) return;
    const last = this.points[this.points.length - 1];
    if (last && (v < last.v || t < last.t)) this.points = [];
    this.points.push({ t, v });
    const from = t - this.w.windowMs;
    let drop = 0;
    // Only points inside the window: across a gap the rate is unknown until the window refills.
    while (this.points[drop]!.t < from) drop++;
    if (drop > 0 || this.points.length > MAX_POINTS) this.points.splice(0, Math.max(drop, this.points.length - MAX_POINTS));
  }

  /** Queries per second, or null when unknown. */
  rate(now: number): number | null {
    const first = this.points[0];
    const last = this.points[this.points.length - 1];
    if (!first || !last || first === last) return null;
    if (now - last.t > this.w.staleMs) return null;
    const span = last.t - first.t;
    if (span < this.w.minSpanMs) return null;
    return (last.v - first.v) / (span / 1000);
  }
}
