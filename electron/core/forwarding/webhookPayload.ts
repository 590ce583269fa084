/**
 * Bodies for generic webhooks: our own JSON (`json`), a Slack incoming-webhook message (`slack`:
 * `text` plus a section block) and a Microsoft Teams message (`teams`: a MessageCard, which Teams'
 * incoming webhooks and Workflows accept). Every body carries no secret: server id and name, rule,
 * severity, group, tags, title and detail.
 */
import { createHmac } from 'node:crypto';
import type { Alert } from '../../../shared/domain/alert';
import type { Transition } from './AlertOutbox';
import type { ServerLabels } from './alertmanagerPayload';

import type { WebhookFormat } from '../../../shared/domain/delivery';

export { WEBHOOK_FORMATS, type WebhookFormat } from '../../../shared/domain/delivery';

/** The header a receiver checks: `sha256=<hex HMAC-SHA256 of the exact body bytes>`. */
export const SIGNATURE_HEADER = 'x-dnsfleet-signature';

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export function webhookBody(format: WebhookFormat, alert: Alert, server: ServerLabels | undefined, transition: Transition): string {
  const headline = `${transition === 'resolved' ? 'RESOLVED' : alert.severity.toUpperCase()}: ${alert.title} (${server?.name ?? alert.serverId})`;
  if (format === 'slack') {
    return JSON.stringify({
      text: headline,
      blocks: [{ type: 'section', text: { type: 'plain_text', text: alert.detail ? `${headline}\n${alert.detail}` : headline } }],
    });
  }
  if (format === 'teams') {
    return JSON.stringify({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: headline,
      title: headline,
      text: alert.detail || alert.title,
      themeColor: transition === 'resolved' ? '2E7D32' : alert.severity === 'critical' ? 'C62828' : 'EF6C00',
    });
  }
  return JSON.stringify({
    // Receivers de-duplicate on this: one id per alert transition, the same on every retry.
    id: `${alert.id}:${transition}`,
    transition,
    alert: {
      id: alert.id,
      server: alert.serverId,
      serverName: server?.name ?? null,
      group: server?.group ?? null,
      tags: server?.tags ?? [],
      rule: alert.rule,
      subject: alert.key,
      severity: alert.severity,
      title: alert.title,
      detail: alert.detail,
      raisedAt: alert.raisedAt,
      resolvedAt: alert.resolvedAt,
    },
  });
}
