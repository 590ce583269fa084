/**
 * Per-server maintenance: while a window is in force, alerts are recorded but not notified. When
 * it ends, only what changed during it is notified: conditions that were already open before it
 * stay quiet (uptime-kuma#7148), new ones still open are announced once. Windows are saved (the
 * store is settings.json in the app), may be scheduled ahead and may recur (maintenanceSchedule.ts);
 * one timer wakes at the next start or end of any window.
 */
import type { ActiveMaintenance, MaintenanceWindow } from '../../../shared/domain/maintenance';
import { DAY } from '../../../shared/domain/ids';
import type { Clock, TimerHandle } from '../platform';
import { activeAt, nextChange, occurrenceAt } from './maintenanceSchedule';

/** Where windows are kept; an in-memory one when none is given (tests, a host without settings). */
export interface MaintenanceStore {
  load(): MaintenanceWindow[];
  save(windows: MaintenanceWindow[]): void;
}

export interface MaintenanceDeps {
  clock: Clock;
  store?: MaintenanceStore;
  /** Condition keys open on a server now (remembered when its maintenance starts). */
  openKeys: (serverId: string) => string[];
  /** A server's maintenance ended: announce what broke during it. */
  onEnd: (serverId: string, openBefore: ReadonlySet<string>) => void;
  /** The windows or what is in force changed (hosts push it to every window). */
  onChange: () => void;
  onStoreError: (err: unknown) => void;
}

export const adHocWindowId = (serverId: string): string => `now:${serverId}`;

export class MaintenanceWindows {
  private windows: MaintenanceWindow[] = [];
  private readonly inForce = new Map<string, { untilMs: number; before: ReadonlySet<string> }>();
  private timer: TimerHandle | null = null;
  private disposed = false;

  constructor(private readonly deps: MaintenanceDeps) {
    try {
      this.windows = deps.store?.load() ?? [];
    } catch (err) {
      deps.onStoreError(err);
    }
    this.refresh(false);
  }

  /** Open (or extend) maintenance from now until `untilMs`; null ends what is in force now, except recurring windows. */
  set(serverId: string, untilMs: number | null): void {
    const now = this.deps.clock.now();
    const rest = this.windows.filter((w) => !(w.serverId === serverId && w.recurrence === 'none' && (w.id === adHocWindowId(serverId) || occurrenceAt(w, now))));
    const adHoc: MaintenanceWindow[] =
      untilMs !== null && untilMs > now ? [{ id: adHocWindowId(serverId), serverId, startsAt: now, endsAt: untilMs, recurrence: 'none', timeZone: 'UTC', note: '' }] : [];
    this.replace([...rest, ...adHoc]);
  }

  /** Adds or replaces (same id) a window; it may start later and recur. */
  schedule(window: MaintenanceWindow): void {
    this.replace([...this.windows.filter((w) => w.id !== window.id), window]);
  }

  remove(id: string): void {
    this.replace(this.windows.filter((w) => w.id !== id));
  }

  /** The saved windows changed elsewhere (another window of the app, a settings edit). */
  reload(windows: MaintenanceWindow[]): void {
    if (JSON.stringify(windows) === JSON.stringify(this.windows)) return;
    this.windows = windows;
    this.refresh(true);
  }

  isActive(serverId: string): boolean {
    return this.inForce.has(serverId);
  }

  /** Servers in maintenance now, and until when. */
  list(): ActiveMaintenance[] {
    return [...this.inForce].map(([serverId, w]) => ({ serverId, untilMs: w.untilMs }));
  }

  /** Every saved window, in force or not. */
  scheduled(): MaintenanceWindow[] {
    return this.windows.map((w) => ({ ...w }));
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.inForce.clear();
  }

  private replace(windows: MaintenanceWindow[]): void {
    this.windows = windows;
    this.save();
    this.refresh(true);
  }

  private save(): void {
    try {
      this.deps.store?.save(this.scheduled());
    } catch (err) {
      this.deps.onStoreError(err); // still applied for this session
    }
  }

  /** Recomputes what is in force, tells starts and ends, drops one-off windows that are over, re-arms the timer. */
  private refresh(changed: boolean): void {
    if (this.disposed) return;
    const now = this.deps.clock.now();
    const active = activeAt(this.windows, now);
    const ended = [...this.inForce].filter(([serverId]) => !active.has(serverId));
    for (const [serverId, untilMs] of active) {
      const current = this.inForce.get(serverId);
      if (current?.untilMs !== untilMs) changed = true;
      this.inForce.set(serverId, { untilMs, before: current?.before ?? new Set(this.deps.openKeys(serverId)) });
    }
    for (const [serverId] of ended) this.inForce.delete(serverId);
    const over = this.windows.filter((w) => w.recurrence === 'none' && w.endsAt <= now);
    if (over.length > 0) {
      this.windows = this.windows.filter((w) => !over.includes(w));
      this.save();
    }
    this.arm(now);
    for (const [serverId, w] of ended) this.deps.onEnd(serverId, w.before);
    if (changed || ended.length > 0 || over.length > 0) this.deps.onChange();
  }

  private arm(now: number): void {
    this.clearTimer();
    const next = this.windows.map((w) => nextChange(w, now)).reduce<number | null>((m, t) => (t !== null && (m === null || t < m) ? t : m), null);
    if (next === null) return;
    // Re-check at least daily: a timer far ahead would overflow, and the clock may jump.
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.refresh(false);
    }, Math.min(next - now, DAY));
  }

  private clearTimer(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
