/**
 * A dead-man timer: `feed()` on every frame; when nothing arrives within the window it fires
 * once. Honest liveness rests on this: a half-open TCP link delivers nothing and says nothing.
 */
import type { Clock, TimerHandle } from '../platform';

export class Watchdog {
  private timer: TimerHandle | null = null;
  private lastFedAt = 0;

  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number,
    private readonly onExpire: (silentForMs: number) => void,
  ) {}

  start(): void {
    this.lastFedAt = this.clock.now();
    this.arm(this.windowMs);
  }

  feed(): void {
    this.lastFedAt = this.clock.now();
  }

  get window(): number {
    return this.windowMs;
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  // Re-arming on each feed would cost a timer per frame in a storm; instead check on expiry
  // and re-arm for the remaining time.
  private arm(ms: number): void {
    this.stop();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      const silent = this.clock.now() - this.lastFedAt;
      if (silent >= this.windowMs) this.onExpire(silent);
      else this.arm(this.windowMs - silent);
    }, ms);
  }
}
