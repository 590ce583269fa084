/**
 * Pure mapping from one FleetEvent to the alert signals it implies. Forwarder changes (flap
 * state) and connection states (grace timers) need memory and live in their own classes.
 */
import { DERIVED } from '../../../shared/domain/eventTypes';
import { severityRank, type FleetEvent, type Severity } from '../../../shared/domain/fleetEvent';
import { RULE, type AlertRulesConfig } from './alertRules';
import { forwarderKey } from './ForwarderRule';
import { probeSignals } from './probeSignals';
import { resolveSignal, type RaiseSignal, type Signal } from './signals';

type Fields = Record<string, unknown>;
const fields = (data: unknown): Fields => (data && typeof data === 'object' && !Array.isArray(data) ? (data as Fields) : {});
const text = (f: Fields, ...keys: string[]): string | undefined => {
  for (const k of keys) {
    const v = f[k];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (typeof v === 'number') return String(v);
  }
  return undefined;
};
const atLeast = (s: Severity, floor: Severity): Severity => (severityRank(s) >= severityRank(floor) ? s : floor);

/** Health-alert levels of the server (free text) onto our severities. */
export function severityOfLevel(level: string | undefined): Severity {
  switch ((level ?? '').toLowerCase()) {
    case 'critical':
    case 'urgent':
      return 'critical';
    case 'error':
    case 'high':
      return 'error';
    case 'warning':
    case 'medium':
      return 'warning';
    default:
      return 'info';
  }
}

export function signalsFromEvent(e: FleetEvent, serverName: string, rules: AlertRulesConfig): Signal[] {
  const f = fields(e.data);
  const base = { kind: 'raise' as const, serverId: e.serverId, eventId: e.id };
  switch (e.type) {
    case DERIVED.bindDown:
      return [
        {
          ...base,
          key: 'bind',
          rule: RULE.bind,
          severity: 'critical',
          title: `BIND is down on ${serverName}`,
          detail: e.summary || 'named is not running: this server answers no DNS queries.',
        },
      ];
    case DERIVED.bindUp:
      return [resolveSignal(e.serverId, 'bind')];
    case DERIVED.tlsPinMismatch:
      return [
        {
          ...base,
          key: 'tls-pin',
          rule: RULE.tlsPin,
          severity: 'critical',
          title: `Certificate of ${serverName} changed`,
          detail: `The pinned certificate no longer matches (expected ${text(f, 'expected') ?? '?'}, presented ${text(f, 'presented') ?? '?'}). Possible interception: check before trusting it.`,
        },
      ];
    case DERIVED.healthAlertRaised:
      return [healthSignal(e, f, serverName)];
    case DERIVED.healthAlertCleared:
      return [resolveSignal(e.serverId, healthKey(e, f), SERVER_SOURCE)];
    case DERIVED.threatDetected:
    case 'security_threat_detected':
      return [threatSignal(e, f, serverName, rules, 'threat')];
    case 'security_alert':
      return [threatSignal(e, f, serverName, rules, 'security')];
    default:
      return probeSignals(e) ?? [];
  }
}

/** The server's own health alerts; about a forwarder they share its alert (one failure, one alert). */
const SERVER_SOURCE = 'server';

function healthKey(e: FleetEvent, f: Fields): string {
  const forwarderId = f.forwarderId ?? f.forwarder_id;
  if (typeof forwarderId === 'number' && Number.isInteger(forwarderId)) return forwarderKey(forwarderId);
  return `health:${text(f, 'alertId', 'alert_id', 'id') ?? e.dedupKey}`;
}

function healthSignal(e: FleetEvent, f: Fields, serverName: string): RaiseSignal {
  const severity = atLeast(severityOfLevel(text(f, 'level', 'severity')), e.severity === 'critical' ? 'critical' : 'info');
  return {
    kind: 'raise',
    serverId: e.serverId,
    eventId: e.id,
    key: healthKey(e, f),
    rule: RULE.health,
    severity,
    title: `${text(f, 'title') ?? e.title} (${serverName})`,
    detail: text(f, 'message') ?? e.summary,
    source: SERVER_SOURCE,
  };
}

function threatSignal(e: FleetEvent, f: Fields, serverName: string, rules: AlertRulesConfig, kind: 'threat' | 'security'): RaiseSignal {
  const subject = text(f, 'domain', 'query_domain', 'threat_type', 'alert_type', 'type', 'message') ?? e.title;
  const facts = [
    text(f, 'category', 'threat_type'),
    text(f, 'action'),
    text(f, 'clientIp', 'client_ip') && `client ${text(f, 'clientIp', 'client_ip')}`,
  ].filter(Boolean);
  const key = `${kind}:${subject.toLowerCase().slice(0, 200)}`;
  return {
    kind: 'raise',
    serverId: e.serverId,
    eventId: e.id,
    key,
    incident: key,
    rule: kind === 'threat' ? RULE.threat : RULE.security,
    severity: atLeast(e.severity, 'warning'),
    title: kind === 'threat' ? `Threat ${subject} on ${serverName}` : `Security alert on ${serverName}: ${subject}`,
    detail: facts.length > 0 ? facts.join(', ') : e.summary,
    autoResolveAfterMs: rules.threatQuietMs,
    notifyCooldownMs: rules.threatNotifyCooldownMs,
  };
}
