import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createElectronDouble, click, menuItem } from '../../support/electronDouble';
import { summarize } from '../../../electron/core/alerts/traySummary';
import { nullLogger } from '../../../electron/core/util/logger';
import { VerdictService } from '../../../electron/core/verdict/VerdictService';
import { FakeClock } from '../alerts/support/FakeClock';
import { ElectronTrayPresenter } from '../../../electron/main/tray';
import { trayIconFile, trayLevel, trayMenuModel, trayTooltip } from '../../../electron/main/trayModel';
import type { Alert } from '../../../shared/domain/alert';
import type { ServerState, ServerStatus } from '../../../shared/domain/serverState';

const server = (id: string, state: ServerState, over: Partial<ServerStatus> = {}): ServerStatus => ({
  serverId: id,
  name: id.toUpperCase(),
  state,
  since: '',
  lastDataAt: null,
  stack: null,
  reconnect: null,
  forwarders: [],
  bindRunning: null,
  ...over,
});
const alert = (severity: Alert['severity'], status: Alert['status'] = 'active'): Alert => ({
  id: 'a',
  serverId: 'dns-1',
  key: 'k',
  rule: 'r',
  severity,
  title: 't',
  detail: '',
  status,
  raisedAt: '',
  lastSeenAt: '',
  resolvedAt: null,
  ack: null,
  snoozedUntil: null,
  eventId: null,
  count: 1,
});

/** The tray as the core feeds it: statuses and alerts through the real VerdictService. */
function trayOf(servers: ServerStatus[], alerts: Alert[] = []) {
  const verdicts = new VerdictService({ clock: new FakeClock(), logger: nullLogger, healthStaleAfterMs: () => null, maintenanceUntil: () => null });
  for (const s of servers) verdicts.onServerStatus(s);
  for (const a of alerts) verdicts.onAlert(a);
  const states = new Map(servers.map((s) => [s.serverId, s.state] as const));
  return summarize(verdicts.fleet(), verdicts.verdicts(), states, alerts.filter((a) => a.status === 'active').length);
}

describe('tray icon choice: the fleet verdict', () => {
  it.each([
    ['all live, no alerts', [server('dns-1', 'live')], [], 'ok'],
    ['a server that is not reporting', [server('dns-1', 'live'), server('b', 'reconnecting')], [], 'blind'],
    ['a warning alert', [server('dns-1', 'live')], [alert('warning')], 'warning'],
    ['an error alert', [server('dns-1', 'live')], [alert('error')], 'critical'],
    ['only an acknowledged critical alert: still critical, never ok', [server('dns-1', 'live')], [alert('critical', 'acknowledged')], 'critical'],
    ['BIND down before any alert was raised', [server('dns-1', 'live', { bindRunning: false })], [], 'critical'],
    ['every server disabled', [server('dns-1', 'disabled')], [], 'disabled'],
    ['no servers at all', [], [], 'blind'],
  ] as const)('%s -> %s', (_name, servers, alerts, level) => {
    const s = trayOf([...servers], [...alerts]);
    expect(trayLevel(s.worst)).toBe(level);
    expect(trayIconFile(trayLevel(s.worst), 'linux')).toBe(`tray/linux/tray-${level}.png`);
    expect(trayIconFile(trayLevel(s.worst), 'darwin')).toBe(`tray/darwin/tray-${level}Template.png`);
    expect(trayIconFile(trayLevel(s.worst), 'win32')).toBe(`tray/win32/tray-${level}.ico`);
  });

  it('carries each server with its state, level and reasons for the tray to render', () => {
    const s = trayOf([server('dns-2', 'live'), server('dns-1', 'stale', { detail: 'no data for 80 s' })]);
    expect(s.fleet).toMatchObject({ level: 'blind', total: 2, counts: { blind: 1, ok: 1 } });
    expect(s.servers).toEqual([
      { id: 'dns-2', name: 'DNS-2', state: 'live', level: 'ok', reasons: [] },
      { id: 'dns-1', name: 'DNS-1', state: 'stale', level: 'blind', reasons: ['Silent: no data for 80 s'] },
    ]);
  });
});

describe('tray tooltip and menu', () => {
  const summary = trayOf([server('dns-2', 'live'), server('dns-1', 'stale'), server('dns-3', 'disabled')], [alert('warning'), { ...alert('error'), id: 'b', key: 'k2' }]);

  it('the tooltip says what is wrong in words', () => {
    expect(trayTooltip(summary)).toBe('DNS Fleet Monitor: some servers are not reporting · 2 active alerts · 1 live, 1 not reporting, 1 disabled');
  });

  it('the menu says the state, lists servers by name with their state, then the fleet actions, Open and Quit', () => {
    const labels = trayMenuModel(summary).map((e) => (e.kind === 'separator' ? '---' : e.label));
    expect(labels).toEqual([
      'some servers are not reporting · 2 active alerts · 1 live, 1 not reporting, 1 disabled',
      '---',
      '◐ DNS-1: stale',
      '● DNS-2: live',
      '– DNS-3: disabled',
      '---',
      'Acknowledge all (2)',
      'Snooze all for 1 hour',
      'Maintenance…',
      '---',
      'Open DNS Fleet Monitor',
      'Quit',
    ]);
  });
});

describe('ElectronTrayPresenter', () => {
  it('starts grey and saying so, then switches icon, tooltip and menu on update; menu items call back', () => {
    const e = createElectronDouble({ platform: 'linux', userData: '/tmp' });
    const calls: string[] = [];
    const dir = join(process.cwd(), 'resources'); // the real icons: a missing one would load as an empty image
    const presenter = new ElectronTrayPresenter({
      api: e,
      platform: 'linux',
      resourcesDir: dir,
      actions: {
        open: () => calls.push('open'),
        openServer: (id) => calls.push(`server ${id}`),
        acknowledgeAll: () => calls.push('ack'),
        snoozeAll: (m) => calls.push(`snooze ${m}`),
        maintenance: (id, m) => calls.push(`maintenance ${id} ${m}`),
        openMaintenance: () => calls.push('maintenance…'),
        quit: () => calls.push('quit'),
      },
    });
    const tray = e.Tray.instances[0]!;
    expect(tray.image).toBe(join(dir, 'tray/linux/tray-blind.png'));
    expect(tray.imageEmpty).toBe(false);
    expect(tray.tooltip).toMatch(/starting/);
    presenter.update(trayOf([server('dns-1', 'live')], [alert('warning')]));
    expect(tray.image).toBe(join(dir, 'tray/linux/tray-warning.png'));
    expect(tray.imageEmpty).toBe(false);
    expect(tray.tooltip).toContain('1 active alert');
    click(menuItem(tray.menu, ['Quit']));
    click(menuItem(tray.menu, ['Open DNS Fleet Monitor']));
    click(menuItem(tray.menu, ['Acknowledge all (1)']));
    click(menuItem(tray.menu, ['Snooze all for 1 hour']));
    click(menuItem(tray.menu, ['Maintenance…']));
    click(menuItem(tray.menu, ['● DNS-1: live', 'Maintenance for 1 hour']));
    tray.emit('click');
    expect(calls).toEqual(['quit', 'open', 'ack', 'snooze 60', 'maintenance…', 'maintenance dns-1 60', 'open']);
    presenter.dispose();
    expect(tray.destroyed).toBe(true);
  });
});
