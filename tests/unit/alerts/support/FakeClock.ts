import type { Clock, TimerHandle } from '../../../../electron/core/platform';

interface Pending {
  id: number;
  at: number;
  fn: () => void;
  every: number | null;
}

/** A manual clock: timers fire only when the test advances time, in due order. */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(start = Date.parse('2025-08-29T09:00:00Z')) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.add(fn, ms, null);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.add(fn, ms, ms);
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending = this.pending.filter((p) => p.id !== (handle as unknown as number));
  }

  clearInterval(handle: TimerHandle): void {
    this.clearTimeout(handle);
  }

  get timerCount(): number {
    return this.pending.length;
  }

  /** Move time forward, running every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = [...this.pending].sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next || next.at > end) break;
      this.t = next.at;
      if (next.every === null) this.pending = this.pending.filter((p) => p !== next);
      else next.at += next.every;
      next.fn();
    }
    this.t = end;
  }

  private add(fn: () => void, ms: number, every: number | null): TimerHandle {
    const id = ++this.seq;
    this.pending.push({ id, at: this.t + Math.max(0, ms), fn, every });
    return id as unknown as TimerHandle;
  }
}
