/**
 * One cause, one incident. Alerts on different servers that share an incident key (the same
 * upstream forwarder by name, the same threat domain) belong to one incident: the first one
 * notifies, the others join it silently unless they are worse than anything already open in it.
 * The index holds open alerts only; the incident itself is a view (shared/domain/incident.ts).
 */
import type { Alert } from '../../../shared/domain/alert';
import { severityRank } from '../../../shared/domain/fleetEvent';

export class IncidentIndex {
  private readonly members = new Map<string, Map<string, Alert>>();
  /** Alerts the operator has heard of (notified or acknowledged): only these make a cause known. */
  private readonly heard = new Set<string>();

  markHeard(alert: Alert): void {
    if (alert.incident) this.heard.add(alert.id);
  }

  /** Records an open alert (or its new version). */
  track(alert: Alert): void {
    if (!alert.incident) return;
    const group = this.members.get(alert.incident) ?? new Map<string, Alert>();
    group.set(alert.id, alert);
    this.members.set(alert.incident, group);
  }

  untrack(alert: Alert): void {
    const group = alert.incident ? this.members.get(alert.incident) : undefined;
    if (!group) return;
    group.delete(alert.id);
    this.heard.delete(alert.id);
    if (group.size === 0) this.members.delete(alert.incident!);
  }

  /** True when the operator heard of another open alert of the same incident at least as severe. */
  alreadyKnown(alert: Alert): boolean {
    const group = alert.incident ? this.members.get(alert.incident) : undefined;
    if (!group) return false;
    for (const other of group.values()) {
      const heard = this.heard.has(other.id) || other.ack !== null;
      if (other.id !== alert.id && heard && severityRank(other.severity) >= severityRank(alert.severity)) return true;
    }
    return false;
  }

  dispose(): void {
    this.members.clear();
    this.heard.clear();
  }
}
