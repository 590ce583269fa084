/** Where alerts are persisted (the event log implements it), and reading it without failing. */
import type { Alert } from '../../../shared/domain/alert';
import type { Logger } from '../platform';
import { QUIET_EXPIRING_RULES } from './alertRules';

export interface AlertStore {
  saveAlert(alert: Alert): void;
  /** Most recently seen first, at most `limit` (the event log caps one answer at 10,000). */
  listAlerts(opts: { includeResolved: boolean; limit: number }): Alert[];
}

/** A store that cannot be read (disk gone) must not stop alerting: nothing stored, then. */
export function readStoredAlerts(store: AlertStore, logger: Logger, opts: { includeResolved: boolean; limit: number }): Alert[] {
  try {
    return store.listAlerts(opts);
  } catch (err) {
    logger.warn('could not read stored alerts', { err });
    return [];
  }
}

/**
 * Open alerts to bring back after a restart, oldest activity first. Asks for open ones only:
 * a limit over all alerts let newer resolved ones push open ones out (issue 12). The event log
 * keeps no incident column yet: a threat's incident is its key, a forwarder's comes back with the
 * first status change after reconnecting.
 */
export function openAlertsToReload(store: AlertStore, logger: Logger, limit: number): Alert[] {
  return readStoredAlerts(store, logger, { includeResolved: false, limit })
    .filter((a) => a.status !== 'resolved')
    .map((a) => (a.incident || !QUIET_EXPIRING_RULES.has(a.rule) ? a : { ...a, incident: a.key }))
    .sort((x, y) => x.lastSeenAt.localeCompare(y.lastSeenAt));
}
