import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import { HOUR, MINUTE } from '../../../shared/domain/ids';
import { NotificationPolicySchema, type NotificationPolicy, type NotificationDelivery } from '../../../shared/domain/notificationPolicy';
import { AlertNotifications } from '../../../electron/core/alerts/AlertNotifications';
import { previewPolicy } from '../../../electron/core/alerts/policyPreview';
import { FakeClock } from './support/FakeClock';
import { forwarderChange, event, harness, type Harness } from './support/fixtures';

const policyOf = (over: Partial<NotificationPolicy> = {}): NotificationPolicy => NotificationPolicySchema.parse(over);

interface Given {
  alert: Alert;
  how: NotificationDelivery;
}

function wired(over: Partial<NotificationPolicy> = {}, localHour = 12): { h: Harness; given: Given[]; policy: { current: NotificationPolicy } } {
  const h = harness();
  const policy = { current: policyOf(over) };
  const given: Given[] = [];
  const n = new AlertNotifications({
    clock: h.clock,
    policy: () => policy.current,
    deliver: (alert, how) => given.push({ alert, how }),
    localTime: () => new Date(2025, 7, 29, localHour),
  });
  h.engine.onDidRaise((a) => n.onRaise(a));
  h.engine.onDidChange((a) => n.onChange(a));
  const dispose = h.engine.dispose.bind(h.engine);
  h.engine.dispose = () => {
    n.dispose();
    dispose();
  };
  return { h, given, policy };
}

const bindDown = (serverId = 'dns-1') => event(serverId, 'bind_down', { running: false, source: 'rest' }, 'critical');

let current: Harness | undefined;
afterEach(() => current?.engine.dispose());

describe('the alerting policy, applied in the core', () => {
  it('repeats an unacknowledged critical every N minutes, louder, until it is acknowledged', () => {
    const { h, given } = wired({ escalateEveryMinutes: 10 });
    current = h;
    h.engine.ingest([bindDown()]);
    expect(given.map((g) => g.how)).toEqual([{ silent: true, loud: false, repeat: 0 }]);
    h.clock.advance(10 * MINUTE);
    h.clock.advance(10 * MINUTE);
    expect(given.map((g) => g.how)).toEqual([
      { silent: true, loud: false, repeat: 0 },
      { silent: false, loud: true, repeat: 1 },
      { silent: false, loud: true, repeat: 2 },
    ]);
    h.engine.acknowledge([given[0]!.alert.id], 'on it', 'alice');
    h.clock.advance(HOUR);
    expect(given).toHaveLength(3);
  });

  it('after a restart an open unacknowledged critical keeps escalating, without a second first notification', () => {
    const clock = new FakeClock();
    const given: NotificationDelivery[] = [];
    const n = new AlertNotifications({ clock, policy: () => policyOf({ escalateEveryMinutes: 10 }), deliver: (_a, how) => given.push(how), localTime: () => new Date(2025, 7, 29, 12) });
    const open = (over: Partial<Alert>): Alert => ({ id: 'x', serverId: 'dns-1', key: 'bind', rule: 'bind', severity: 'critical', title: 'BIND is down', detail: '', status: 'active', raisedAt: '', lastSeenAt: '', resolvedAt: null, ack: null, snoozedUntil: null, eventId: null, count: 1, ...over });
    n.resume([open({}), open({ id: 'y', status: 'acknowledged' }), open({ id: 'z', severity: 'error' })]);
    expect(given).toEqual([]);
    clock.advance(10 * MINUTE);
    expect(given).toEqual([{ silent: false, loud: true, repeat: 1 }]);
    n.dispose();
  });

  it('does not escalate below critical, nor when escalation is off', () => {
    const { h, given } = wired({ escalateEveryMinutes: 0 });
    current = h;
    h.engine.ingest([bindDown(), forwarderChange('dns-2', 3, 'unhealthy')]);
    h.clock.advance(2 * HOUR);
    expect(given.map((g) => `${g.alert.key}:${g.how.repeat}`)).toEqual(['bind:0', 'forwarder:3:0']);
  });

  it('a resolved critical stops escalating', () => {
    const { h, given } = wired({ escalateEveryMinutes: 5 });
    current = h;
    h.engine.ingest([bindDown()]);
    h.engine.ingest([event('dns-1', 'bind_up', { running: true, source: 'rest' })]);
    h.clock.advance(HOUR);
    expect(given).toHaveLength(1);
  });

  it('a policy change applies at once: minimum severity and escalation interval', () => {
    const { h, given, policy } = wired({ minSeverity: 'critical' });
    current = h;
    h.engine.ingest([forwarderChange('dns-1', 3, 'unhealthy')]);
    expect(given).toHaveLength(0);
    policy.current = policyOf({ minSeverity: 'warning' });
    h.engine.ingest([forwarderChange('dns-1', 4, 'unhealthy')]);
    expect(given.map((g) => g.alert.key)).toEqual(['forwarder:4']);
  });

  it('in quiet hours only criticals break through, silently, and their repeats stay silent', () => {
    const { h, given } = wired({ sound: true, escalateEveryMinutes: 10, quietHours: { start: '22:00', end: '07:00' } }, 3);
    current = h;
    h.engine.ingest([forwarderChange('dns-1', 3, 'unhealthy'), bindDown()]);
    h.clock.advance(10 * MINUTE);
    expect(given.map((g) => [g.alert.key, g.how.silent])).toEqual([
      ['bind', true],
      ['bind', true],
    ]);
  });
});

describe('the policy preview', () => {
  const clock = new FakeClock();
  const at = (msAgo: number) => new Date(clock.now() - msAgo).toISOString();
  const stored = (over: Partial<Alert>): Alert => ({
    id: Math.random().toString(36),
    serverId: 'dns-1',
    key: 'k',
    rule: 'forwarder_status',
    severity: 'error',
    title: 't',
    detail: '',
    status: 'resolved',
    raisedAt: at(HOUR),
    lastSeenAt: at(HOUR),
    resolvedAt: at(HOUR / 2),
    ack: null,
    snoozedUntil: null,
    eventId: null,
    count: 1,
    ...over,
  });

  it('counts what the policy would have notified in the last 24 h, escalation repeats included', () => {
    const alerts = [
      stored({ severity: 'warning' }),
      stored({ severity: 'error' }),
      stored({ severity: 'info' }),
      stored({ severity: 'error', raisedAt: at(30 * HOUR) }), // outside the window
      // critical, unacknowledged for 35 minutes: repeats at 10, 20, 30
      stored({ severity: 'critical', raisedAt: at(HOUR), resolvedAt: at(25 * MINUTE) }),
    ];
    expect(previewPolicy(alerts, policyOf({ minSeverity: 'warning' }), clock.now())).toEqual({ hours: 24, alerts: 4, notifications: 3, repeats: 0 });
    expect(previewPolicy(alerts, policyOf({ minSeverity: 'error', escalateEveryMinutes: 10 }), clock.now())).toEqual({
      hours: 24,
      alerts: 4,
      notifications: 5,
      repeats: 3,
    });
    expect(previewPolicy(alerts, policyOf({ enabled: false }), clock.now()).notifications).toBe(0);
  });
});
