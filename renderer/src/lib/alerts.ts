import type { Alert, AlertStatus } from '../../../shared/domain/alert';
import { severityRank } from '../../../shared/domain/fleetEvent';
import { groupIncidents, type Incident } from '../../../shared/domain/incident';
import type { Route } from '../hooks/useRoute';

/** The core's storm gate folds many pop-ups into one "N more alerts" summary that is never stored. */
export const isSummaryAlert = (a: Pick<Alert, 'rule'>): boolean => a.rule === 'storm';

/** Where a raised alert leads: the alert itself, or the inbox for a summary (it has no row). */
export function alertRoute(a: Pick<Alert, 'id' | 'rule'>): Route {
  return isSummaryAlert(a) ? { page: 'alerts' } : { page: 'alerts', alertId: a.id };
}

/** "dns-fra-1: Forwarder down"; a fleet-wide summary has no server to name. */
export function alertHeadline(a: Pick<Alert, 'serverId' | 'title'>, serverName: string | undefined): string {
  if (!serverName && a.serverId === 'fleet') return `Fleet: ${a.title}`;
  return `${serverName ?? a.serverId}: ${a.title}`;
}

/** One row of the alert inbox: an incident (alerts on several servers with one cause) or a single alert. */
export interface InboxRow {
  /** The row's own alert (newest activity): what the cursor and a deep link land on. */
  id: string;
  incident: Incident;
  /** Every alert of the row: acknowledging or snoozing the row acts on all of them. */
  ids: string[];
}

/** The rows of one inbox tab, worst first, then newest. */
export function inboxRows(alerts: readonly Alert[], status: AlertStatus): InboxRow[] {
  return groupIncidents(alerts.filter((a) => a.status === status))
    .map((incident) => ({ id: incident.alerts[0]!.id, incident, ids: incident.alerts.map((a) => a.id) }))
    .sort((a, b) => severityRank(b.incident.severity) - severityRank(a.incident.severity) || b.incident.raisedAt.localeCompare(a.incident.raisedAt));
}

/**
 * The title of an incident row: the alert's own, without the one server it names when the row
 * stands for several servers (they are listed beside it).
 */
export function incidentTitle(incident: Incident, serverName: (id: string) => string): string {
  const first = incident.alerts[0]!;
  if (incident.servers.length < 2) return first.title;
  const name = serverName(first.serverId);
  return first.title.replace(` on ${name}`, '').replace(` (${name})`, '');
}
