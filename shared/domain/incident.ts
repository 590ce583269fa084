/**
 * An incident: alerts on several servers with one cause (the same upstream forwarder, the same
 * threat domain), shown and handled as one ("Public DNS failing · 3 servers: a, b, c"). Alerts
 * without an incident key are incidents of their own. A pure view over alerts, computed the same
 * way by the core (tests, CLI) and the renderer's alert inbox.
 */
import type { Alert, AlertStatus } from './alert';
import { severityRank, type Severity } from './fleetEvent';

export interface Incident {
  /** Unique among incidents (a list key). */
  key: string;
  /** The shared cause (Alert.incident), or null for an alert on its own. */
  cause: string | null;
  severity: Severity;
  /** Open while any member is open; acknowledged only when every open member is. */
  status: AlertStatus;
  /** Distinct servers, in the order they joined. */
  servers: string[];
  /** Members, newest activity first. */
  alerts: Alert[];
  raisedAt: string;
  lastSeenAt: string;
}

/** Sorts after every ISO time: an open alert's lifetime has no end yet. */
const OPEN = '\uffff';
const STATUS_ORDER: AlertStatus[] = ['active', 'snoozed', 'acknowledged', 'resolved'];

function statusOf(alerts: Alert[]): AlertStatus {
  let best: AlertStatus = 'resolved';
  for (const a of alerts) if (STATUS_ORDER.indexOf(a.status) < STATUS_ORDER.indexOf(best)) best = a.status;
  return best;
}

function incidentOf(cause: string | null, members: Alert[]): Incident {
  const byJoin = [...members].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.serverId.localeCompare(b.serverId));
  const open = members.filter((a) => a.status !== 'resolved');
  const counted = open.length > 0 ? open : members;
  return {
    key: cause === null ? `alert:${members[0]!.id}` : `${cause}@${byJoin[0]!.raisedAt}`,
    cause,
    severity: counted.reduce<Severity>((w, a) => (severityRank(a.severity) > severityRank(w) ? a.severity : w), 'debug'),
    status: statusOf(members),
    servers: [...new Set(byJoin.map((a) => a.serverId))],
    alerts: [...members].sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt)),
    raisedAt: byJoin[0]!.raisedAt,
    lastSeenAt: members.reduce((t, a) => (a.lastSeenAt > t ? a.lastSeenAt : t), ''),
  };
}

/**
 * Groups alerts into incidents: alerts with one incident key whose lifetimes overlap (raised
 * before the others had all resolved) are one incident; the same cause a week later is another.
 */
export function groupIncidents(alerts: readonly Alert[]): Incident[] {
  const byCause = new Map<string, Alert[]>();
  const out: Incident[] = [];
  for (const a of alerts) {
    if (!a.incident) out.push(incidentOf(null, [a]));
    else byCause.set(a.incident, [...(byCause.get(a.incident) ?? []), a]);
  }
  for (const [cause, members] of byCause) {
    let cluster: Alert[] = [];
    let endsAt = '';
    for (const a of [...members].sort((x, y) => x.raisedAt.localeCompare(y.raisedAt))) {
      if (cluster.length > 0 && a.raisedAt > endsAt) {
        out.push(incidentOf(cause, cluster));
        cluster = [];
        endsAt = '';
      }
      cluster.push(a);
      const end = a.resolvedAt ?? OPEN;
      if (end > endsAt) endsAt = end;
    }
    out.push(incidentOf(cause, cluster));
  }
  return out.sort((a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved') || b.lastSeenAt.localeCompare(a.lastSeenAt));
}

/** "3 servers: a, b, c" — with display names where known. */
export function incidentServersText(incident: Pick<Incident, 'servers'>, nameOf: (serverId: string) => string = (id) => id): string {
  const names = incident.servers.map(nameOf);
  return names.length === 1 ? names[0]! : `${names.length} servers: ${names.join(', ')}`;
}
