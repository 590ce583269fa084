/**
 * Is anybody there? Sends a WebSocket protocol ping every `intervalMs` and declares the link
 * silent when neither a pong nor any frame arrives within `deadlineMs` of a ping. The push
 * streams alone cannot tell: legacy pushes only every 30-60 s, so a data watchdog needs 75 s or
 * more before it may conclude anything. With 5 s + 10 s, a hung link leaves `live` within 15 s.
 * Data staleness stays the data watchdog's separate verdict.
 */
import type { Clock, TimerHandle } from '../platform';

export class LinkProbe {
  private tick: TimerHandle | null = null;
  private pingSentAt: number | null = null;
  private lastHeardAt = 0;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly deadlineMs: number,
    /** Sends one ping; false when the socket cannot send (then nothing is awaited). */
    private readonly ping: () => boolean,
    private readonly onSilent: (silentMs: number, deadlineMs: number) => void,
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || this.deadlineMs <= 0) return;
    this.stopped = false;
    this.lastHeardAt = this.clock.now();
    this.arm(this.intervalMs);
  }

  /** A pong or any frame: the link carries traffic. `at` saves a clock read per frame in a storm. */
  heard(at: number = this.clock.now()): void {
    this.lastHeardAt = at;
    this.pingSentAt = null;
  }

  stop(): void {
    this.stopped = true;
    if (this.tick !== null) this.clock.clearTimeout(this.tick);
    this.tick = null;
  }

  private arm(ms: number): void {
    if (this.stopped) return;
    this.tick = this.clock.setTimeout(() => this.check(), Math.max(1, ms));
  }

  private check(): void {
    this.tick = null;
    const now = this.clock.now();
    if (this.pingSentAt !== null) {
      const waited = now - this.pingSentAt;
      if (waited >= this.deadlineMs) return this.onSilent(now - this.lastHeardAt, this.deadlineMs);
      return this.arm(this.deadlineMs - waited);
    }
    if (this.ping()) this.pingSentAt = now;
    this.arm(Math.min(this.intervalMs, this.deadlineMs));
  }
}
