import type { Alert } from '../../../shared/domain/alert';
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
