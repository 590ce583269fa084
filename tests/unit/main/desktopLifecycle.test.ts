/**
 * The Electron host's lifecycle, driven through the real entry (electron/main/index.ts) against the
 * Electron double, once per platform where behaviour differs (issue 15).
 */
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushMessage } from '../../../electron/core/api/CoreHandle';
import { APP_USER_MODEL_ID } from '../../../electron/main/electronApi';
import { emptyCounts } from '../../../shared/domain/verdict';
import { click, menuItem, preventable } from '../../support/electronDouble';
import { alert, eventually, launch, REAL_PLATFORM, type HooksHolder, type Launched } from './support/desktopHarness';

const hooks = vi.hoisted(() => ({ current: null as unknown }) as HooksHolder);
// A proxy, so each launch (vi.resetModules) sees that test's double.
vi.mock('electron', async () => (await import('./support/desktopHarness')).electronModule(hooks));
vi.mock('../../../electron/core/compose', () => ({ createCore: (opts: never) => hooks.current.createCore(opts) }));
vi.mock('../../../electron/main/trayHost', () => ({ linuxTrayHostAnswers: async () => hooks.current.trayHostAnswers }));

let running: Launched | null = null;
afterEach(() => {
  running?.cleanup();
  running = null;
  Object.defineProperty(process, 'platform', { value: REAL_PLATFORM, configurable: true });
});
const start = async (...args: Parameters<typeof launch> extends [unknown, ...infer R] ? R : never) => (running = await launch(hooks, ...args));
const onlyWindow = (l: Launched) => {
  expect(l.e.BrowserWindow.instances).toHaveLength(1);
  return l.e.BrowserWindow.instances[0]!;
};

describe.each(['win32', 'darwin', 'linux'] as const)('start-up on %s', (platform) => {
  it('takes the single-instance lock (Windows: after its AppUserModelId) and shows window and tray before the core', async () => {
    const l = await start(platform);
    await eventually(() => expect(l.e.journal).toContain('createCore'));
    const j = l.e.journal;
    if (platform === 'win32') {
      expect(j[0]).toBe(`app.setAppUserModelId ${APP_USER_MODEL_ID}`);
      expect(l.e.app.appUserModelId).toBe('org.dnsfleet.monitor');
    } else expect(l.e.app.appUserModelId).toBeNull();
    expect(j.indexOf('app.requestSingleInstanceLock')).toBeLessThan(j.indexOf('app.ready'));
    // The keychain has not answered: something is on screen, and the tray says what is happening.
    expect(j).not.toContain('core ready');
    expect(j.indexOf('BrowserWindow.new')).toBeLessThan(j.indexOf('createCore'));
    expect(j.indexOf('Tray.new')).toBeLessThan(j.indexOf('createCore'));
    expect(l.e.Tray.instances[0]!.tooltip).toMatch(/starting/);
  });

  it('a second launch while the keychain is still answering brings the window forward', async () => {
    const l = await start(platform);
    await eventually(() => expect(l.e.journal).toContain('createCore'));
    const win = onlyWindow(l);
    win.hide();
    l.e.app.secondInstance();
    expect(win.visible && win.focused).toBe(true);
    await l.releaseCore();
    win.minimize();
    l.e.app.secondInstance();
    expect(win.isVisible() && win.focused).toBe(true);
    expect(l.e.BrowserWindow.instances).toHaveLength(1);
  });

  it('what the core pushes as it starts reaches the window (the IPC server listens before start())', async () => {
    const l = await start(platform);
    const first = { channel: 'fleet:onDidChangeServer', payload: { serverId: 'dns-1' } } as unknown as PushMessage;
    const startCore = l.core.start.bind(l.core);
    l.core.start = () => {
      startCore();
      l.core.pushes.fire(first); // a state change fired synchronously inside start()
    };
    await l.releaseCore();
    expect(onlyWindow(l).webContents.sent).toContainEqual(['dnsfleet:push', first]);
  });

  it('a second launch before the app is ready is not lost', async () => {
    const l = await start(platform, { ready: false });
    l.e.app.secondInstance();
    l.e.app.fireReady();
    await eventually(() => expect(onlyWindow(l).focused).toBe(true));
  });

  it('a second instance that cannot take the lock quits and opens nothing', async () => {
    const l = await start(platform, { hasLock: false });
    await eventually(() => expect(l.e.journal).toContain('app.quit'));
    expect(l.e.BrowserWindow.instances).toHaveLength(0);
    expect(l.e.journal).not.toContain('createCore');
  });
});

describe.each(['win32', 'darwin', 'linux'] as const)('notifications on %s', (platform) => {
  it('a click brings the window forward on that alert', async () => {
    const l = await start(platform);
    await l.releaseCore();
    const win = onlyWindow(l);
    win.hide();
    l.opts().notifier.notify(alert({ id: 'alert/7' }));
    const n = l.e.Notification.instances.at(-1)!;
    expect(n.shown).toBe(true);
    n.emit('click');
    expect(win.visible && win.focused).toBe(true);
    expect(win.webContents.scripts.at(-1)).toBe('window.location.hash = "#/alerts/alert%2F7";');
  });

  it(platform === 'linux' ? 'has no buttons (Electron shows none on Linux)' : 'acknowledges or snoozes for an hour from its buttons', async () => {
    const l = await start(platform);
    await l.releaseCore();
    l.opts().notifier.notify(alert({ id: 'a1' }));
    const n = l.e.Notification.instances.at(-1)!;
    if (platform === 'linux') {
      expect(n.options.actions).toBeUndefined();
      return;
    }
    expect(n.options.actions?.map((a) => a.text)).toEqual(['Acknowledge', 'Snooze 1 h']);
    n.pressAction(0);
    await eventually(() => expect(l.core.callsTo('alerts:acknowledge')).toEqual([{ ids: ['a1'], note: '' }]));
    l.opts().notifier.notify(alert({ id: 'a2' }));
    l.e.Notification.instances.at(-1)!.pressAction(1);
    await eventually(() => expect(l.core.callsTo('alerts:snooze')).toEqual([{ ids: ['a2'], minutes: 60 }]));
  });
});

const ICON: Record<string, RegExp> = {
  win32: /tray[\\/]win32[\\/]tray-critical\.ico$/,
  darwin: /tray[\\/]darwin[\\/]tray-criticalTemplate\.png$/,
  linux: /tray[\\/]linux[\\/]tray-critical\.png$/,
};
const BLIND: Record<string, RegExp> = { win32: /tray-blind\.ico$/, darwin: /tray-blindTemplate\.png$/, linux: /tray-blind\.png$/ };

describe.each(['win32', 'darwin', 'linux'] as const)('tray on %s', (platform) => {
  const summary = {
    worst: 'critical' as const,
    activeAlerts: 2,
    fleet: { level: 'critical' as const, counts: { ...emptyCounts(), critical: 1, blind: 1 }, total: 2 },
    servers: [
      { id: 'dns-1', name: 'DNS 1', state: 'live' as const, level: 'critical' as const, reasons: ['BIND is not running'] },
      { id: 'dns-2', name: 'DNS 2', state: 'stale' as const, level: 'blind' as const, reasons: ['Silent'] },
    ],
  };

  it('follows the fleet: worst level as its own icon, counts in the tooltip, a submenu per server', async () => {
    const l = await start(platform);
    await l.releaseCore();
    const tray = l.e.Tray.instances[0]!;
    expect(tray.image).toMatch(BLIND[platform]!); // grey until the fleet says otherwise
    l.opts().tray!.update(summary);
    expect(tray.image).toMatch(ICON[platform]!);
    expect(tray.tooltip).toBe('DNS Fleet Monitor: critical alerts · 2 active alerts · 1 live, 1 not reporting');
    expect(menuItem(tray.menu, ['◐ DNS 2: stale']).submenu).toBeDefined();
    click(menuItem(tray.menu, ['◐ DNS 2: stale', 'Open']));
    expect(onlyWindow(l).webContents.scripts.at(-1)).toBe('window.location.hash = "#/server/dns-2";');
    l.opts().tray!.update({ ...summary, worst: 'blind', activeAlerts: 0 });
    expect(tray.image).toMatch(BLIND[platform]!);
    expect(() => click(menuItem(tray.menu, [/^Acknowledge all/]))).toThrow(/disabled/);
  });

  it('acknowledges all, snoozes all for an hour and starts maintenance from the menu', async () => {
    const l = await start(platform);
    await l.releaseCore();
    l.core.alerts = [alert({ id: 'a1' }), alert({ id: 'a2', status: 'acknowledged' }), alert({ id: 'a3', severity: 'warning' })];
    l.opts().tray!.update(summary);
    const tray = l.e.Tray.instances[0]!;
    click(menuItem(tray.menu, ['Acknowledge all (2)']));
    await eventually(() => expect(l.core.callsTo('alerts:acknowledge')).toEqual([{ ids: ['a1', 'a3'], note: '' }]));
    click(menuItem(tray.menu, ['Snooze all for 1 hour']));
    await eventually(() => expect(l.core.callsTo('alerts:snooze')).toEqual([{ ids: ['a1', 'a3'], minutes: 60 }]));
    const before = Date.now();
    click(menuItem(tray.menu, ['● DNS 1: live', 'Maintenance for 1 hour']));
    await eventually(() => expect(l.core.callsTo('alerts:setMaintenance')).toHaveLength(1));
    const [m] = l.core.callsTo('alerts:setMaintenance') as { serverId: string; untilMs: number }[];
    expect(m!.serverId).toBe('dns-1');
    expect(m!.untilMs - before).toBeGreaterThanOrEqual(60 * 60_000);
    expect(m!.untilMs - before).toBeLessThan(61 * 60_000);
  });

  it('Quit flushes the core before the app exits', async () => {
    const l = await start(platform);
    await l.releaseCore();
    l.core.disposeDelayMs = 50;
    click(menuItem(l.e.Tray.instances[0]!.menu, ['Quit']));
    await expect(l.e.app.exit$).resolves.toBe(0);
    const j = l.e.journal;
    expect(j.indexOf('core.disposed')).toBeGreaterThan(-1);
    expect(j.indexOf('core.disposed')).toBeLessThan(j.indexOf('app.exit 0'));
    expect(l.e.Tray.instances[0]!.destroyed).toBe(true);
  });
});

describe.each(['win32', 'darwin', 'linux'] as const)('badge on %s', (platform) => {
  it('counts unacknowledged critical and error alerts, and clears when they are acknowledged', async () => {
    const l = await start(platform);
    await l.releaseCore();
    const badge = () => (platform === 'win32' ? onlyWindow(l).overlay : l.e.app.badgeCount);
    l.core.alerts = [
      alert({ id: 'c1' }),
      alert({ id: 'e1', severity: 'error' }),
      alert({ id: 'w1', severity: 'warning' }),
      alert({ id: 'c2', status: 'acknowledged' }),
      alert({ id: 'c3', status: 'snoozed' }),
    ];
    l.core.pushes.fire({ channel: 'alerts:onDidRaise', payload: l.core.alerts[0]! });
    if (platform === 'win32') {
      await eventually(() => expect(badge()).toEqual({ image: expect.stringMatching(/badge[\\/]overlay-alert\.png$/), description: '2 unacknowledged critical or error alerts' }));
    } else await eventually(() => expect(badge()).toBe(2));
    l.core.alerts = l.core.alerts.map((a) => ({ ...a, status: 'acknowledged' as const }));
    l.core.pushes.fire({ channel: 'alerts:onDidChange', payload: l.core.alerts[0]! });
    await eventually(() => expect(badge()).toEqual(platform === 'win32' ? null : 0));
  });
});

describe('quitting with the real core', () => {
  it('Quit from the tray closes the event log and its writer thread before the app exits', async () => {
    const workers: Worker[] = [];
    const onWorker = (w: Worker) => workers.push(w);
    process.on('worker', onWorker);
    try {
      const l = await start('linux', { realCore: true });
      await l.releaseCore();
      await eventually(() => expect(workers.length).toBeGreaterThan(0), { timeout: 15_000 });
      // Quit once the writer runs (its first message): under vitest it boots through tsx, which on a
      // loaded machine can take longer than the 2 s flush bound by itself; the packaged app's is plain JS.
      let running = 0;
      for (const w of workers) {
        w.once('message', () => running++);
        w.once('exit', () => l.e.journal.push('writer thread exited'));
      }
      await eventually(() => expect(running).toBe(workers.length), { timeout: 15_000 });
      click(menuItem(l.e.Tray.instances[0]!.menu, ['Quit']));
      await expect(l.e.app.exit$).resolves.toBe(0);
      const j = l.e.journal;
      expect(j.filter((x) => x === 'writer thread exited')).toHaveLength(workers.length);
      expect(j.lastIndexOf('writer thread exited')).toBeLessThan(j.indexOf('app.exit 0'));
    } finally {
      process.off('worker', onWorker);
    }
  });
});

describe('closing the window', () => {
  it.each([
    ['win32', false, 'hide'],
    ['darwin', false, 'hide'],
    ['linux', true, 'hide'],
    ['linux', false, 'minimize'],
  ] as const)('on %s (tray host answers: %s) the window goes to %s and the monitor keeps running', async (platform, trayHost, expected) => {
    const l = await start(platform, { trayHost });
    await l.releaseCore();
    const win = onlyWindow(l);
    win.show();
    // The tray host probe answers asynchronously on Linux.
    await eventually(() => {
      win.show();
      win.close();
      expect(win.destroyed).toBe(false);
      expect(expected === 'hide' ? !win.visible && !win.minimized : win.minimized).toBe(true);
    });
    expect(l.e.app.exitCode).toBeNull();
  });

  it('with "close to tray" off, minimises on every platform', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const l = await start(platform, { settings: { desktop: { closeToTray: false } } });
      await l.releaseCore();
      const win = onlyWindow(l);
      win.show();
      win.close();
      expect(win.minimized).toBe(true);
      running?.cleanup();
    }
  });
});

describe('the OS ends the session', () => {
  it('Windows log-off flushes the event log, lets the window close and exits', async () => {
    const l = await start('win32');
    await l.releaseCore();
    l.core.disposeDelayMs = 100;
    const win = onlyWindow(l);
    win.emit('query-session-end', preventable({ reasons: ['logoff'] }));
    win.emit('session-end', preventable({ reasons: ['logoff'] }));
    win.close(); // Windows closes the windows after session-end: nothing may hold it
    expect(win.destroyed).toBe(true);
    await expect(l.e.app.exit$).resolves.toBe(0);
    expect(l.e.journal.filter((x) => x === 'core.dispose')).toHaveLength(1);
    expect(l.e.journal.indexOf('core.disposed')).toBeLessThan(l.e.journal.indexOf('app.exit 0'));
  });

  it.each(['linux', 'darwin'] as const)('%s shutdown (powerMonitor) asks for time, flushes and exits', async (platform) => {
    const l = await start(platform);
    await l.releaseCore();
    const e = preventable();
    l.e.powerMonitor.emit('shutdown', e);
    expect(e.defaultPrevented).toBe(true);
    await expect(l.e.app.exit$).resolves.toBe(0);
    expect(l.core.disposed).toBe(true);
  });

  it('a flush that hangs does not hold the shutdown past 2 s', async () => {
    const l = await start('linux');
    await l.releaseCore();
    l.core.disposeDelayMs = null;
    const t0 = Date.now();
    l.e.powerMonitor.emit('shutdown', preventable());
    await expect(l.e.app.exit$).resolves.toBe(0);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(took).toBeLessThan(3500);
  });

  it('Cmd+Q / app.quit() during start-up still closes the core once it is up', async () => {
    const l = await start('darwin');
    await eventually(() => expect(l.e.journal).toContain('createCore'));
    l.e.app.quit();
    expect(l.e.app.exitCode).toBeNull(); // held for the flush
    await l.releaseCore().catch(() => {});
    await expect(l.e.app.exit$).resolves.toBe(0);
    expect(l.e.journal).toContain('core.dispose');
  });
});

describe('power and network reach the core', () => {
  it('resume and unlock make the fleet retry; the network going and coming back too', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const l = await start('linux');
      await l.releaseCore();
      const power = l.opts().power!;
      const resumed = vi.fn();
      const network = vi.fn();
      power.onResume(resumed);
      power.onNetworkChange(network);
      l.e.powerMonitor.emit('suspend');
      l.e.powerMonitor.emit('resume');
      l.e.powerMonitor.emit('unlock-screen');
      expect(resumed).toHaveBeenCalledTimes(2);
      l.e.net.online = false;
      vi.advanceTimersByTime(5000);
      expect(network).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(5000);
      expect(network).toHaveBeenCalledTimes(1); // no change, no signal
      l.e.net.online = true;
      vi.advanceTimersByTime(5000);
      expect(network).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
