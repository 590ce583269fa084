import type { Clock, TimerHandle } from '../platform';

/** Named one-shot timers on the injected clock; setting a key again replaces its timer. */
export class TimerMap {
  private readonly timers = new Map<string, TimerHandle>();

  constructor(private readonly clock: Clock) {}

  set(key: string, ms: number, fn: () => void): void {
    this.clear(key);
    const handle = this.clock.setTimeout(
      () => {
        this.timers.delete(key);
        fn();
      },
      Math.max(0, ms),
    );
    this.timers.set(key, handle);
  }

  has(key: string): boolean {
    return this.timers.has(key);
  }

  clear(key: string): void {
    const handle = this.timers.get(key);
    if (handle === undefined) return;
    this.clock.clearTimeout(handle);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
  }
}
