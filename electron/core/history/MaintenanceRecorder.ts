/**
 * Keeps maintenance in the event log's history. Saved one-off windows are dropped from settings
 * once they are over, so without a record the charts would forget them: when a server leaves
 * maintenance this yields one `maintenance_window` event with the span it was in force.
 */
import { DERIVED, type MaintenanceWindowData } from '../../../shared/domain/eventTypes';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { ActiveMaintenance, MaintenanceWindow } from '../../../shared/domain/maintenance';
import { occurrenceAt } from '../alerts/maintenanceSchedule';
import { newEventId } from '../hybrid-dns/eventIds';

export class MaintenanceRecorder {
  /** Servers in maintenance, and since when. */
  private readonly since = new Map<string, number>();

  constructor(private readonly windows: () => readonly MaintenanceWindow[]) {}

  /** Where the current occurrence began: the earliest start among the server's windows in force (else now). */
  private startOf(serverId: string, now: number): number {
    let start = now;
    for (const w of this.windows()) {
      if (w.serverId !== serverId) continue;
      const o = occurrenceAt(w, now);
      if (o && o.start < start) start = o.start;
    }
    return start;
  }

  /** What is in force now; returns the events for windows that ended since the last call. */
  update(active: readonly ActiveMaintenance[], now: number): FleetEvent[] {
    const current = new Set(active.map((a) => a.serverId));
    const out: FleetEvent[] = [];
    for (const [serverId, from] of this.since) {
      if (current.has(serverId)) continue;
      this.since.delete(serverId);
      out.push(maintenanceEvent(serverId, from, now));
    }
    for (const serverId of current) if (!this.since.has(serverId)) this.since.set(serverId, this.startOf(serverId, now));
    return out;
  }
}

function maintenanceEvent(serverId: string, from: number, to: number): FleetEvent {
  const data: MaintenanceWindowData = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  const minutes = Math.max(1, Math.round((to - from) / 60_000));
  return {
    id: newEventId(to),
    serverId,
    type: DERIVED.maintenanceWindow,
    category: 'admin',
    severity: 'info',
    occurredAt: data.from,
    receivedAt: data.to,
    title: `Maintenance from ${data.from} to ${data.to}`,
    summary: `${minutes} min in maintenance: alerts were recorded, not notified`,
    data,
    derived: true,
    dedupKey: `maintenance:${serverId}:${data.from}`,
  };
}
