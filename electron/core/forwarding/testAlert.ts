/** The alert "send test alert" forwards (CLI and Settings page): marked as a test in its rule, title and detail. */
import type { Alert } from '../../../shared/domain/alert';
import { randomUUID } from 'node:crypto';
import type { Severity } from '../../../shared/domain/fleetEvent';

export function testAlert(now: number, severity: Severity, sentBy: string): Alert {
  const at = new Date(now).toISOString();
  return {
    // Unique even for two tests in one millisecond: the outbox queues an (alert, transition) once only.
    id: `test-${now}-${randomUUID().slice(0, 8)}`,
    serverId: 'dnsfleet-test',
    key: 'test',
    rule: 'test',
    severity,
    title: 'Test alert from dnsfleet',
    detail: `Sent by ${sentBy}; nothing is wrong.`,
    status: 'active',
    raisedAt: at,
    lastSeenAt: at,
    resolvedAt: null,
    ack: null,
    snoozedUntil: null,
    eventId: null,
    count: 1,
  };
}
