/**
 * Per-server maintenance: while a window is open, alerts are recorded but not notified. When it
 * closes, only what changed during the window is notified: conditions that were already open
 * before it stay quiet (uptime-kuma#7148), new ones still open are announced once.
 */
import type { Clock } from '../platform';
import { TimerMap } from './TimerMap';

interface Window {
  untilMs: number;
  /** Condition keys open when the window started. */
  before: ReadonlySet<string>;
}

export class MaintenanceWindows {
  private readonly windows = new Map<string, Window>();
  private readonly timers: TimerMap;

  constructor(
    private readonly clock: Clock,
    private readonly onEnd: (serverId: string, openBefore: ReadonlySet<string>) => void,
  ) {
    this.timers = new TimerMap(clock);
  }

  /** Open (or extend) a window until `untilMs`; null closes it now. */
  set(serverId: string, untilMs: number | null, openKeys: () => string[]): void {
    const current = this.windows.get(serverId);
    if (untilMs === null || untilMs <= this.clock.now()) {
      if (current) this.end(serverId);
      return;
    }
    this.windows.set(serverId, { untilMs, before: current?.before ?? new Set(openKeys()) });
    this.timers.set(serverId, untilMs - this.clock.now(), () => this.end(serverId));
  }

  isActive(serverId: string): boolean {
    const w = this.windows.get(serverId);
    return w !== undefined && this.clock.now() < w.untilMs;
  }

  list(): { serverId: string; untilMs: number }[] {
    return [...this.windows].map(([serverId, w]) => ({ serverId, untilMs: w.untilMs }));
  }

  dispose(): void {
    this.timers.dispose();
    this.windows.clear();
  }

  private end(serverId: string): void {
    const w = this.windows.get(serverId);
    this.timers.clear(serverId);
    this.windows.delete(serverId);
    if (w) this.onEnd(serverId, w.before);
  }
}
