/**
 * A server is outside the app's trust: its messages, forwarder names and threat domains become alert
 * text, and alert text goes to OS notifications, the tray, the page's toasts and forwarded alerts.
 * A registered secret (the server's password, a token) in that text is masked before any of them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import { AlertNotifications } from '../../../electron/core/alerts/AlertNotifications';
import { notificationContent } from '../../../electron/core/alerts/notificationPolicy';
import { alertmanagerAlert } from '../../../electron/core/forwarding/alertmanagerPayload';
import { forgetSecret, registerSecret } from '../../../electron/core/util/redact';
import { defaultSettings } from '../../../electron/core/settings/settingsSchema';
import { event, harness, type Harness } from './support/fixtures';

const SECRET = 'Tr0ub4dor&3-monitor';
let h: Harness | undefined;
afterEach(() => {
  h?.engine.dispose();
  h = undefined;
  forgetSecret(SECRET);
});

/** Everything of an alert a person or another system could read. */
const visible = (a: Alert): string => JSON.stringify(a);

function hostileEvents() {
  return [
    event('dns-1', 'security_alert', { message: `login failed for monitor with password ${SECRET}` }, 'warning'),
    event('dns-1', 'threat_detected', { domain: `${SECRET}.evil.example`, clientIp: '10.0.0.5', category: 'malware', action: 'blocked' }, 'warning'),
    event('dns-1', 'health_alert_raised', { alertId: `id-${SECRET}`, level: 'critical', title: `Upstream ${SECRET} down`, message: `pw=${SECRET}` }),
    event('dns-1', 'forwarder_status_change', { forwarderId: 7, forwarderName: `fw ${SECRET}`, oldStatus: 'healthy', newStatus: 'unhealthy', healthyServers: 0, totalServers: 2 }),
  ];
}

describe('alert text from a server', () => {
  it('never carries a registered secret to the page, the OS notification or a forwarded alert', () => {
    registerSecret(SECRET);
    h = harness();
    const delivered: Alert[] = [];
    const notices = new AlertNotifications({ clock: h.clock, policy: () => ({ ...defaultSettings().notifications, minSeverity: 'info' }), deliver: (a) => delivered.push(a), localTime: () => new Date(2025, 7, 29, 12) });
    h.engine.onDidRaise((a) => notices.onRaise(a));
    h.engine.ingest(hostileEvents());
    h.clock.advance(60_000);

    const open = h.engine.list({ includeResolved: false, limit: 100 });
    expect(open).toHaveLength(4);
    expect(delivered.length).toBeGreaterThanOrEqual(3);
    for (const a of [...open, ...h.raised, ...h.changed, ...delivered]) {
      expect(visible(a)).not.toContain(SECRET);
      const { title, body } = notificationContent(a);
      expect(`${title}\n${body}`).not.toContain(SECRET);
      expect(JSON.stringify(alertmanagerAlert(a, { name: 'DNS 1', tags: [] }, 'firing', h!.clock.now()))).not.toContain(SECRET);
    }
    // Masked, not dropped: the operator still reads what happened.
    expect(open.find((a) => a.rule === 'security_alert')?.title).toContain('[REDACTED]');
    notices.dispose();
  });

  it('a condition whose key held a secret still resolves when the server clears it', () => {
    registerSecret(SECRET);
    h = harness();
    h.engine.ingest([event('dns-1', 'health_alert_raised', { alertId: `id-${SECRET}`, level: 'critical', title: 'Upstream down', message: '' })]);
    expect(h.engine.list({ includeResolved: false, limit: 10 })).toHaveLength(1);
    h.engine.ingest([event('dns-1', 'health_alert_cleared', { alertId: `id-${SECRET}`, level: 'critical', title: 'Upstream down', message: '' })]);
    expect(h.engine.list({ includeResolved: false, limit: 10 })).toEqual([]);
  });
});
