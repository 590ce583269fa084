import { describe, expect, it } from 'vitest';
import { createElectronDouble } from '../../support/electronDouble';
import { ElectronNotifier } from '../../../electron/main/notifier';
import { inQuietHours, notificationContent, notificationDecision, type NotificationPrefs } from '../../../electron/main/notificationPolicy';
import { nullLogger } from '../../../electron/core/util/logger';
import type { Alert } from '../../../shared/domain/alert';

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 'a1',
  serverId: 'dns-1',
  key: 'bind',
  rule: 'bind',
  severity: 'critical',
  title: 'BIND is down on DNS 1',
  detail: 'named is not running',
  status: 'active',
  raisedAt: '',
  lastSeenAt: '',
  resolvedAt: null,
  ack: null,
  snoozedUntil: null,
  eventId: null,
  count: 1,
  ...over,
});
const prefs = (over: Partial<NotificationPrefs> = {}): NotificationPrefs => ({
  enabled: true,
  minSeverity: 'warning',
  sound: false,
  quietHours: null,
  ...over,
});
const at = (hh: number, mm = 0) => new Date(2025, 7, 29, hh, mm);

describe('notification wording', () => {
  it('puts the severity in words in the title and the detail in the body', () => {
    expect(notificationContent(alert())).toEqual({ title: 'Critical: BIND is down on DNS 1', body: 'named is not running' });
    expect(notificationContent(alert({ severity: 'warning', count: 4 })).body).toBe('named is not running (seen 4×)');
  });

  it('shortens very long details for the OS', () => {
    const { body } = notificationContent(alert({ detail: 'x'.repeat(1000) }));
    expect(body.length).toBe(240);
    expect(body.endsWith('…')).toBe(true);
  });
});

describe('notification settings', () => {
  it('respects "notifications off" and the minimum severity', () => {
    expect(notificationDecision(alert(), prefs({ enabled: false }), at(12)).show).toBe(false);
    expect(notificationDecision(alert({ severity: 'warning' }), prefs({ minSeverity: 'error' }), at(12)).show).toBe(false);
    expect(notificationDecision(alert({ severity: 'error' }), prefs({ minSeverity: 'error' }), at(12)).show).toBe(true);
  });

  it('is silent unless sound is on', () => {
    expect(notificationDecision(alert(), prefs(), at(12)).silent).toBe(true);
    expect(notificationDecision(alert(), prefs({ sound: true }), at(12)).silent).toBe(false);
  });

  it('quiet hours (wrapping midnight) hold back pop-ups except critical, which breaks through silently', () => {
    const quiet = prefs({ sound: true, quietHours: { start: '22:00', end: '07:00' } });
    expect(notificationDecision(alert({ severity: 'error' }), quiet, at(23, 30)).show).toBe(false);
    expect(notificationDecision(alert({ severity: 'critical' }), quiet, at(3))).toEqual({ show: true, silent: true });
    expect(notificationDecision(alert({ severity: 'error' }), quiet, at(7))).toEqual({ show: true, silent: false });
    expect(inQuietHours({ start: '09:00', end: '17:00' }, at(16, 59))).toBe(true);
    expect(inQuietHours({ start: '09:00', end: '17:00' }, at(17))).toBe(false);
    expect(inQuietHours({ start: '09:00', end: '09:00' }, at(9))).toBe(false);
  });
});

describe('ElectronNotifier', () => {
  const setup = (over: Partial<NotificationPrefs> = {}, platform: NodeJS.Platform = 'linux') => {
    const e = createElectronDouble({ platform, userData: '/tmp' });
    const opened: string[] = [];
    const n = new ElectronNotifier({
      Notification: e.Notification,
      platform,
      prefs: () => prefs(over),
      onActivate: (a) => opened.push(a.id),
      onAction: (a, action) => opened.push(`${action}:${a.id}`),
      logger: nullLogger,
    });
    return { e, n, opened };
  };

  it('shows a native notification and a click opens the alert', () => {
    const { e, n, opened } = setup();
    n.notify(alert());
    const shown = e.Notification.instances[0]!;
    expect(shown.shown).toBe(true);
    expect(shown.options).toMatchObject({ title: 'Critical: BIND is down on DNS 1', silent: true, urgency: 'critical', timeoutType: 'never' });
    shown.emit('click');
    expect(opened).toEqual(['a1']);
  });

  it('an escalation from the core is shown loud, with sound, and says it is still unacknowledged', () => {
    const { e, n } = setup();
    n.notify(alert(), { silent: false, loud: true, repeat: 2 });
    expect(e.Notification.instances[0]!.options).toMatchObject({ title: 'Still unacknowledged — Critical: BIND is down on DNS 1', silent: false, urgency: 'critical' });
  });

  it('shows nothing when settings say no', () => {
    const { e, n } = setup({ enabled: false });
    n.notify(alert());
    expect(e.Notification.instances).toHaveLength(0);
  });

  it('a throwing click handler or a bogus action index does not escape into the OS callback', () => {
    const e = createElectronDouble({ platform: 'darwin', userData: '/tmp' });
    const n = new ElectronNotifier({
      Notification: e.Notification,
      platform: 'darwin',
      prefs: () => prefs(),
      onActivate: () => {
        throw new Error('renderer gone');
      },
      onAction: () => {
        throw new Error('core gone');
      },
      logger: nullLogger,
    });
    n.notify(alert());
    const shown = e.Notification.instances[0]!;
    expect(() => shown.emit('click')).not.toThrow();
    expect(() => shown.pressAction(0)).not.toThrow();
    expect(() => shown.emit('action', { actionIndex: 99 }, 99)).not.toThrow();
    expect(() => shown.emit('action', null, Number.NaN)).not.toThrow();
  });
});
