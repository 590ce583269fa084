/**
 * Desktop conventions of the Electron host, through the real entry and the Electron double:
 * application menu and Help (logs folder, diagnostics without secrets), crash handler with restart,
 * start at login (off by default).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { click, menuItem } from '../../support/electronDouble';
import { eventually, launch, REAL_PLATFORM, type HooksHolder, type Launched } from './support/desktopHarness';

const hooks = vi.hoisted(() => ({ current: null as unknown }) as HooksHolder);
// A proxy, so each launch (vi.resetModules) sees that test's double.
vi.mock('electron', async () => (await import('./support/desktopHarness')).electronModule(hooks));
vi.mock('../../../electron/core/compose', () => ({ createCore: (opts: never) => hooks.current.createCore(opts) }));
vi.mock('../../../electron/main/trayHost', () => ({ linuxTrayHostAnswers: async () => hooks.current.trayHostAnswers }));

let l: Launched | null = null;
afterEach(() => {
  l?.cleanup();
  l = null;
  Object.defineProperty(process, 'platform', { value: REAL_PLATFORM, configurable: true });
});

const status = (serverId: string, state: string) => ({
  serverId,
  name: serverId.toUpperCase(),
  state,
  since: '2026-12-06T20:00:00.000Z',
  lastDataAt: null,
  stack: null,
  reconnect: null,
  forwarders: [],
  bindRunning: null,
});

describe('application menu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('%s: the usual roles, no developer tools when packaged, Help with the logs folder', async (platform) => {
    l = await launch(hooks, platform);
    await l.releaseCore();
    const menu = l.e.Menu.applicationMenu!;
    expect(menu.items.map((i) => i.role ?? i.label)).toEqual([...(platform === 'darwin' ? ['appMenu'] : []), 'fileMenu', 'editMenu', 'View', 'windowMenu', 'help']);
    expect((menuItem(menu, ['View']).submenu as { role?: string }[]).map((i) => i.role)).not.toContain('toggleDevTools');
    click(menuItem(menu, ['help', 'Open logs folder']));
    expect(l.e.shell.openedPaths).toEqual([join(l.dataDir, 'logs')]);
  });

  it('Copy diagnostics puts versions, data dir, keychain and server states on the clipboard, and no secret', async () => {
    l = await launch(hooks, 'linux');
    await l.releaseCore();
    const secret = 'Sup3r-Secret-Passw0rd';
    // The app's own instance of the redaction module (the launch loaded a fresh module graph), as the core would.
    const { registerSecret } = await import('../../../electron/core/util/redact');
    registerSecret(secret);
    l.core.snapshot = {
      servers: [status('dns-1', 'live'), status('dns-2', 'auth-failed')],
      alerts: [],
      health: { keychain: { available: false, detail: 'no Secret Service on the bus' }, eventLog: { state: 'ok', detail: '', backlog: 0 }, notices: [`login failed with ${secret}`] },
      firstRun: false,
      host: 'electron',
    };
    click(menuItem(l.e.Menu.applicationMenu, ['help', 'Copy diagnostics']));
    await eventually(() => expect(l!.e.clipboard.text).not.toBe(''));
    const text = l.e.clipboard.text;
    expect(text).toContain('DNS Fleet Monitor 0.1.0');
    expect(text).toMatch(/Electron \S+, Chromium \S+, Node \S+, linux/);
    expect(text).toContain(`Data dir: ${l.dataDir}`);
    expect(text).toContain('Keychain: not available (no Secret Service on the bus)');
    expect(text).toContain('dns-1: live');
    expect(text).toContain('dns-2: auth-failed');
    expect(text).not.toContain(secret);
  });
});

describe('crash handler', () => {
  it('logs an uncaught exception and offers a restart that flushes first', async () => {
    l = await launch(hooks, 'win32');
    await l.releaseCore();
    l.crash(new Error('boom'));
    expect(l.e.dialog.shown).toHaveLength(1);
    expect(l.e.dialog.shown[0]).toMatchObject({ type: 'error', buttons: ['Restart', 'Keep running'] });
    await expect(l.e.app.exit$).resolves.toBe(0);
    const j = l.e.journal;
    expect(j.indexOf('app.relaunch')).toBeGreaterThan(-1);
    expect(j.indexOf('core.disposed')).toBeLessThan(j.indexOf('app.exit 0'));
    expect(readFileSync(join(l.dataDir, 'logs', 'main.log'), 'utf8')).toContain('uncaught exception in the main process');
  });

  it('a window that died is offered a restart; "Keep running" keeps monitoring, and crashes never stack dialogs', async () => {
    l = await launch(hooks, 'linux');
    await l.releaseCore();
    l.e.dialog.answer = 1;
    const wc = l.e.BrowserWindow.instances[0]!.webContents;
    l.e.app.emit('render-process-gone', { preventDefault() {} }, wc, { reason: 'crashed' });
    l.crash(new Error('while the dialog is open'));
    expect(l.e.dialog.shown).toHaveLength(1);
    await eventually(() => expect(l!.e.journal).not.toContain('app.relaunch'));
    expect(l.e.app.exitCode).toBeNull();
  });
});

describe('start at login', () => {
  it.each(['darwin', 'win32'] as const)('%s: off by default, on through the setting (login items)', async (platform) => {
    l = await launch(hooks, platform);
    await l.releaseCore();
    expect(l.e.app.loginItem).toEqual({ openAtLogin: false });
    l.cleanup();
    l = await launch(hooks, platform, { settings: { desktop: { startAtLogin: true } } });
    await l.releaseCore();
    expect(l.e.app.loginItem).toEqual({ openAtLogin: true });
  });

  it('linux: an XDG autostart entry, written when on and removed when off', async () => {
    const config = mkdtempSync(join(tmpdir(), 'dnsfleet-xdg-'));
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = config;
    try {
      const file = join(config, 'autostart', 'dns-fleet-monitor.desktop');
      l = await launch(hooks, 'linux', { settings: { desktop: { startAtLogin: true } } });
      await l.releaseCore();
      expect(readFileSync(file, 'utf8')).toContain(`Exec="${process.execPath}"`);
      l.cleanup();
      l = await launch(hooks, 'linux');
      await l.releaseCore();
      expect(existsSync(file)).toBe(false);
      l.cleanup();
      // An AppImage runs from a new mount point each time: the entry starts the image file itself.
      process.env.APPIMAGE = '/opt/apps/DNS Fleet Monitor-0.1.0-x86_64.AppImage';
      l = await launch(hooks, 'linux', { settings: { desktop: { startAtLogin: true } } });
      await l.releaseCore();
      expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/apps/DNS Fleet Monitor-0.1.0-x86_64.AppImage"');
    } finally {
      delete process.env.APPIMAGE;
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
      rmSync(config, { recursive: true, force: true });
    }
  });
});

describe('window position, per display', () => {
  const second = { bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };
  const both = (e: Launched['e']) => void e.screen.displays.push(second);

  it('opens where it was on the monitor it was on; unplugged, it opens on the primary one, never off-screen', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dnsfleet-bounds-'));
    try {
      l = await launch(hooks, 'win32', { dataDir, before: both });
      await l.releaseCore();
      let win = l.e.BrowserWindow.instances[0]!;
      expect(win.options).toMatchObject({ width: 1360, height: 860 });
      expect(win.options.x).toBeUndefined();
      win.moveTo({ x: 100, y: 50, width: 1000, height: 700 }); // on the primary monitor, saved once the drag settles
      await eventually(() => expect(readFileSync(join(dataDir, 'window-state.json'), 'utf8')).toContain('0,0,1920x1080'), { timeout: 5000 });
      win.moveTo({ x: 2100, y: 120, width: 1500, height: 900 }); // then on the second
      win.close(); // hides to the tray, and saves at once
      l.cleanup();

      l = await launch(hooks, 'win32', { dataDir, before: both });
      await l.releaseCore();
      win = l.e.BrowserWindow.instances[0]!;
      expect(win.options).toMatchObject({ x: 2100, y: 120, width: 1500, height: 900 });
      l.cleanup();

      l = await launch(hooks, 'win32', { dataDir }); // the second monitor is gone
      await l.releaseCore();
      win = l.e.BrowserWindow.instances[0]!;
      expect(win.options).toMatchObject({ x: 100, y: 50, width: 1000, height: 700 });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a hostile or broken window-state.json opens the default window', async () => {
    for (const text of ['{not json', JSON.stringify({ last: '__proto__', displays: [['__proto__', { x: -99999, y: 0, width: 5, height: 5 }]] }), JSON.stringify({ displays: 'x' })]) {
      const dataDir = mkdtempSync(join(tmpdir(), 'dnsfleet-bounds-'));
      writeFileSync(join(dataDir, 'window-state.json'), text);
      l = await launch(hooks, 'linux', { dataDir });
      await l.releaseCore();
      expect(l.e.BrowserWindow.instances[0]!.options).toMatchObject({ width: 1360, height: 860 });
      l.cleanup();
      l = null;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('enterprise policy (policy.json)', () => {
  const server = { id: 'dns-hq-1', name: 'HQ resolver 1', url: 'https://10.0.0.53', username: 'monitor', passwordEnv: 'HOME' };

  it('pre-seeds servers (never with passwordEnv) and locks settings against changes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dnsfleet-policy-'));
    try {
      writeFileSync(join(dataDir, 'policy.json'), JSON.stringify({ servers: [server], settings: { notifications: { minSeverity: 'critical' }, desktop: { closeToTray: false } } }));
      l = await launch(hooks, 'win32', { dataDir });
      await l.releaseCore();
      const settings = l.opts().settings!;
      expect(settings.get().servers.map((s) => s.id)).toEqual(['dns-hq-1']);
      expect(settings.get().servers[0]).not.toHaveProperty('passwordEnv');
      expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).servers[0].id).toBe('dns-hq-1');
      settings.update((s) => ({ ...s, notifications: { ...s.notifications, minSeverity: 'info', sound: true } }));
      expect(settings.get().notifications).toMatchObject({ minSeverity: 'critical', sound: true }); // locked stays, the rest is the user's
      expect(settings.notices().join('\n')).toContain('notifications.minSeverity, desktop.closeToTray');
      const win = l.e.BrowserWindow.instances[0]!;
      win.show();
      win.close();
      expect(win.minimized).toBe(true); // closeToTray locked off, even on Windows
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a policy file that does not parse locks nothing, says so, and the app runs', async () => {
    for (const bad of ['{', JSON.stringify({ settings: { notifications: { minSeverity: 'loud' } } }), JSON.stringify({ settings: { __proto__: { polluted: true }, evil: {} } })]) {
      const dataDir = mkdtempSync(join(tmpdir(), 'dnsfleet-policy-'));
      writeFileSync(join(dataDir, 'policy.json'), bad);
      l = await launch(hooks, 'linux', { dataDir });
      await l.releaseCore();
      const settings = l.opts().settings!;
      expect(settings.get().notifications.minSeverity).toBe('warning');
      expect(settings.notices().join('\n')).toMatch(/policy\.json could not be read and was ignored/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      l.cleanup();
      l = null;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
