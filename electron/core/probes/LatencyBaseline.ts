/**
 * A latency baseline per (server, probe): an exponentially weighted mean and variance of the answered
 * probes' latency (alpha 0.1: about the last 10 sets, 5 minutes at 30 s). The band's upper edge is
 * mean + max(4 standard deviations, half the mean, 20 ms): loopback-fast answers do not alert on
 * a few milliseconds of noise, and a slow but steady server sets its own normal. The first
 * WARMUP samples only learn; a sample over the band does not move the baseline (a slow upstream
 * must not become the new normal), so a slowdown that lasts stays out of band until it ends.
 */
export const EWMA_ALPHA = 0.1;
export const WARMUP = 10;
const MIN_HEADROOM_MS = 20;

export class LatencyBaseline {
  private mean = 0;
  private variance = 0;
  private samples = 0;

  /** Feeds one answered latency; returns whether it lies above the band (never during warm-up). */
  observe(ms: number): boolean {
    if (this.samples >= WARMUP && ms > this.upperEdge()) return true;
    if (this.samples === 0) this.mean = ms;
    const diff = ms - this.mean;
    const incr = EWMA_ALPHA * diff;
    this.mean += incr;
    this.variance = (1 - EWMA_ALPHA) * (this.variance + diff * incr);
    this.samples++;
    return false;
  }

  upperEdge(): number {
    return this.mean + Math.max(4 * Math.sqrt(this.variance), this.mean / 2, MIN_HEADROOM_MS);
  }

  get learned(): boolean {
    return this.samples >= WARMUP;
  }

  get meanMs(): number {
    return this.mean;
  }
}
