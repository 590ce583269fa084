/**
 * An alert as Prometheus Alertmanager's v2 API takes it (POST /api/v2/alerts, a JSON array).
 * Alertmanager identifies an alert by its label set, so the labels carry the condition's key
 * (`subject`) as well: two forwarders failing on one server stay two alerts. No secret is a label:
 * server id and name, rule, severity, the operator's group and tags.
 */
import type { Alert } from '../../../shared/domain/alert';
import type { Transition } from './AlertOutbox';

export interface ServerLabels {
  name: string;
  group?: string;
  tags: readonly string[];
}

export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
}

export function alertmanagerAlert(alert: Alert, server: ServerLabels | undefined, transition: Transition, now: number): AlertmanagerAlert {
  const labels: Record<string, string> = {
    alertname: `dnsfleet_${alert.rule}`,
    server: alert.serverId,
    rule: alert.rule,
    subject: alert.key,
    severity: alert.severity,
  };
  if (server?.name) labels.server_name = server.name;
  if (server?.group) labels.group = server.group;
  if (server && server.tags.length > 0) labels.tags = [...server.tags].sort().join(',');
  const out: AlertmanagerAlert = {
    labels,
    annotations: { summary: alert.title, ...(alert.detail ? { description: alert.detail } : {}) },
    startsAt: alert.raisedAt,
  };
  // Resolved: endsAt in the past tells Alertmanager the alert is over (its own resolve_timeout is not waited for).
  if (transition === 'resolved') out.endsAt = alert.resolvedAt ?? new Date(now).toISOString();
  return out;
}
