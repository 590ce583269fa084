import { MINUTE, SECOND } from '../../../shared/domain/ids';
import type { Severity } from '../../../shared/domain/fleetEvent';

/**
 * Tunables of the alert engine. Defaults are chosen for NOC use: a blip does not notify, one
 * flapping forwarder is one alert, and a fleet-wide outage is a handful of notifications.
 */
export interface AlertRulesConfig {
  /** A server may be without data this long before "No data from …" is raised (reconnect blips). */
  connectionGraceMs: number;
  /** This many forwarder status changes inside `flapWindowMs` turn the forwarder into one flapping alert. */
  flapThreshold: number;
  flapWindowMs: number;
  /** A flapping forwarder has settled after this long without a status change. */
  flapSettleMs: number;
  /** Fleet-wide cap on notifications (onDidRaise) per minute; the rest are summarized in one. */
  stormMaxPerMinute: number;
  /** A threat/security alert resolves itself after this long without a new hit (no clear event exists). */
  threatQuietMs: number;
  /** A new threat alert for the same domain within this long after the last notification is recorded silently. */
  threatNotifyCooldownMs: number;
  /** Alerts below this severity are recorded but never notified. */
  minNotifySeverity: Severity;
}

export const DEFAULT_ALERT_RULES: AlertRulesConfig = {
  connectionGraceMs: 30 * SECOND,
  flapThreshold: 4,
  flapWindowMs: 30 * MINUTE,
  flapSettleMs: 10 * MINUTE,
  stormMaxPerMinute: 10,
  threatQuietMs: 30 * MINUTE,
  threatNotifyCooldownMs: 15 * MINUTE,
  minNotifySeverity: 'warning',
};

/** Rule names as stored in Alert.rule (the UI may group by them). */
export const RULE = {
  forwarder: 'forwarder_status',
  flapping: 'flapping',
  connection: 'connection',
  auth: 'auth',
  session: 'session',
  tls: 'tls',
  tlsPin: 'tls_pin_mismatch',
  bind: 'bind',
  threat: 'threat',
  security: 'security_alert',
  health: 'health_alert',
  storm: 'storm',
  /** The query rate outside its usual band (analytics/QpsWatch.ts). */
  qpsAnomaly: 'qps_anomaly',
} as const;

/** Rules whose alerts have no "cleared" event and so resolve after a quiet period. */
export const QUIET_EXPIRING_RULES: ReadonlySet<string> = new Set([RULE.threat, RULE.security]);
