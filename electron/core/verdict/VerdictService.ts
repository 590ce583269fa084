/**
 * Keeps one verdict per server current: recomputes it (computeServerVerdict) whenever the
 * server's status, its open alerts or its maintenance window change, and when its health data
 * grows too old or its maintenance ends — time alone can change a verdict. Fires
 * onDidChangeVerdict only when what a user sees (level, reasons, acknowledgement) changed.
 */
import type { Alert } from '../../../shared/domain/alert';
import { SECOND } from '../../../shared/domain/ids';
import type { ServerStatus } from '../../../shared/domain/serverState';
import { emptyCounts, worseLevel, type FleetVerdict, type ServerVerdict } from '../../../shared/domain/verdict';
import { TimerMap } from '../alerts/TimerMap';
import type { Clock, Logger } from '../platform';
import { Emitter, type Event } from '../util/Emitter';
import { computeServerVerdict } from './serverVerdict';

export interface VerdictChange {
  /** The server whose verdict changed, or null when a server was removed. */
  verdict: ServerVerdict | null;
  removed?: string;
  fleet: FleetVerdict;
}

export interface VerdictServiceDeps {
  clock: Clock;
  logger: Logger;
  /** Age after which a server's health data no longer counts (FleetService.healthStaleAfterMs). */
  healthStaleAfterMs(serverId: string): number | null;
  /** End of a server's maintenance window (epoch ms), or null. */
  maintenanceUntil(serverId: string): number | null;
  /** Open alerts at start (reloaded after a restart). */
  initialAlerts?: readonly Alert[];
  /** The server's status now: data times move without a published status change (StatusTracker). */
  currentStatus?(serverId: string): ServerStatus | undefined;
}

export class VerdictService {
  private readonly statuses = new Map<string, ServerStatus>();
  /** Open alerts by server id, then by alert id. */
  private readonly alerts = new Map<string, Map<string, Alert>>();
  private readonly current = new Map<string, ServerVerdict>();
  private readonly timers: TimerMap;
  private readonly changeE: Emitter<VerdictChange>;
  readonly onDidChangeVerdict: Event<VerdictChange>;
  private disposed = false;

  constructor(private readonly deps: VerdictServiceDeps) {
    this.timers = new TimerMap(deps.clock);
    this.changeE = new Emitter((err) => deps.logger.error('verdict listener failed', { err }));
    this.onDidChangeVerdict = this.changeE.event;
    for (const a of deps.initialAlerts ?? []) this.keepAlert(a);
  }

  onServerStatus(status: ServerStatus): void {
    this.statuses.set(status.serverId, status);
    this.recompute(status.serverId);
  }

  onAlert(alert: Alert): void {
    this.keepAlert(alert);
    this.recompute(alert.serverId);
  }

  /** A server's maintenance window was opened, moved or closed (no id: any of them may have). */
  onMaintenance(serverId?: string): void {
    for (const id of serverId === undefined ? [...this.statuses.keys()] : [serverId]) this.recompute(id);
  }

  forget(serverId: string): void {
    this.statuses.delete(serverId);
    this.timers.clear(serverId);
    if (!this.current.delete(serverId)) return;
    this.changeE.fire({ verdict: null, removed: serverId, fleet: this.fleet() });
  }

  verdicts(): ServerVerdict[] {
    return [...this.current.values()];
  }

  verdict(serverId: string): ServerVerdict | undefined {
    return this.current.get(serverId);
  }

  fleet(): FleetVerdict {
    const counts = emptyCounts();
    let level: FleetVerdict['level'] = this.current.size === 0 ? 'blind' : 'disabled';
    for (const v of this.current.values()) {
      counts[v.level] += 1;
      level = worseLevel(level, v.level);
    }
    return { level, counts, total: this.current.size };
  }

  dispose(): void {
    this.disposed = true;
    this.timers.dispose();
    this.changeE.dispose();
  }

  private keepAlert(alert: Alert): void {
    let byId = this.alerts.get(alert.serverId);
    if (alert.status === 'resolved') {
      byId?.delete(alert.id);
      return;
    }
    if (!byId) this.alerts.set(alert.serverId, (byId = new Map()));
    byId.set(alert.id, alert);
  }

  private recompute(serverId: string): void {
    const status = this.statuses.get(serverId);
    if (this.disposed || !status) return;
    const now = this.deps.clock.now();
    const previous = this.current.get(serverId);
    const input = {
      status,
      alerts: [...(this.alerts.get(serverId)?.values() ?? [])],
      maintenanceUntilMs: this.deps.maintenanceUntil(serverId),
      healthStaleAfterMs: this.deps.healthStaleAfterMs(serverId),
      now,
      previous,
    };
    const next = computeServerVerdict(input);
    this.scheduleRecheck(serverId, input);
    if (previous && sameVerdict(previous, next)) return;
    this.current.set(serverId, next);
    this.changeE.fire({ verdict: next, fleet: this.fleet() });
  }

  /** Time alone changes a verdict when health data ages out or a maintenance window ends. */
  private scheduleRecheck(serverId: string, input: { status: ServerStatus; maintenanceUntilMs: number | null; healthStaleAfterMs: number | null; now: number }): void {
    const due: number[] = [];
    if (input.maintenanceUntilMs !== null && input.maintenanceUntilMs > input.now) due.push(input.maintenanceUntilMs);
    if (input.status.state === 'live' && input.healthStaleAfterMs !== null) {
      const healthAt = Date.parse(input.status.healthAt ?? input.status.since);
      const expires = healthAt + input.healthStaleAfterMs + 1;
      // Once aged out, look again each expected interval: fresh data need not publish a status.
      if (Number.isFinite(expires)) due.push(expires > input.now ? expires : input.now + Math.max(SECOND, input.healthStaleAfterMs / 2.5));
    }
    if (due.length === 0) return this.timers.clear(serverId);
    this.timers.set(serverId, Math.min(...due) - input.now, () => this.recheck(serverId));
  }

  /** A timer is due: take the freshest status first, its health data may have moved quietly. */
  private recheck(serverId: string): void {
    const fresh = this.deps.currentStatus?.(serverId);
    if (fresh && this.statuses.has(serverId)) this.statuses.set(serverId, fresh);
    this.recompute(serverId);
  }
}

function sameVerdict(a: ServerVerdict, b: ServerVerdict): boolean {
  return a.level === b.level && a.acknowledged === b.acknowledged && a.name === b.name && a.reasons.join('\n') === b.reasons.join('\n');
}
