/**
 * The desktop's glanceable surfaces against a hostile server: the real entry, the Electron double and
 * the real core, watching an emulated server whose forwarders are named with the password the app
 * sent it. The tray (icon, tooltip, menu, and the summary the core hands it), native notifications,
 * the window's title and everything sent to the window must carry the name masked.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TraySummaryModel } from '../../../electron/core/platform';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { click, menuItem } from '../../support/electronDouble';
import { eventually, launch, REAL_PLATFORM, type HooksHolder, type Launched } from './support/desktopHarness';

const hooks = vi.hoisted(() => ({ current: null as unknown }) as HooksHolder);
vi.mock('electron', async () => (await import('./support/desktopHarness')).electronModule(hooks));
vi.mock('../../../electron/core/compose', async () => ({
  ...(await vi.importActual<object>('../../../electron/core/compose')),
  createCore: (opts: never) => hooks.current.createCore(opts),
}));
vi.mock('../../../electron/main/trayHost', () => ({ linuxTrayHostAnswers: async () => hooks.current.trayHostAnswers }));

const PASSWORD = 'Desk-Canary-Pa55word-5d07';
const leaks = (text: string): boolean => text.toLowerCase().includes(PASSWORD.toLowerCase());

let l: Launched | null = null;
let emulator: EmulatedServer | null = null;
afterEach(async () => {
  if (l && l.e.app.exitCode === null) {
    click(menuItem(l.e.Tray.instances[0]!.menu, ['Quit']));
    await l.e.app.exit$;
  }
  l?.cleanup();
  l = null;
  await emulator?.close();
  emulator = null;
  Object.defineProperty(process, 'platform', { value: REAL_PLATFORM, configurable: true });
});

const labels = (items: MenuItemConstructorOptions[] | undefined): string[] =>
  (items ?? []).flatMap((i) => [i.label ?? '', ...labels(Array.isArray(i.submenu) ? i.submenu : undefined)]);

describe('a password in a forwarder name on the desktop', () => {
  it('reaches neither the tray, nor a notification, nor the window', async () => {
    emulator = await startEmulator({
      users: [{ username: 'monitor', password: PASSWORD, isAdmin: true }],
      healthIntervalMs: 200,
      forwarders: [{ id: 1, name: `corp ${PASSWORD.toLowerCase()}`, type: 'intranet', status: 'healthy', healthyServers: 2, totalServers: 2 }],
    });
    l = await launch(hooks, 'linux', { realCore: true });
    // What the core hands the tray, recorded on its way to the Electron presenter.
    const summaries: TraySummaryModel[] = [];
    const presenter = l.opts().tray!;
    const show = presenter.update.bind(presenter);
    presenter.update = (s) => (summaries.push(s), show(s));
    await l.releaseCore();
    const win = l.e.BrowserWindow.instances[0]!;
    const config = { id: 'hostile', name: 'Hostile', url: emulator.url, username: 'monitor', stack: 'auto', legacyTypes: 'admin', pollSeconds: 15, tags: [], enabled: true };
    expect(await l.e.ipcMain.invokeFrom(win.webContents.url, 'servers:save', { config, password: PASSWORD, isNew: true })).toEqual({ ok: true, value: { ok: true } });
    const tray = l.e.Tray.instances[0]!;
    await eventually(() => expect(labels(tray.menu?.items)).toContain('● Hostile: live'), { timeout: 20_000 });
    emulator.control.setForwarderStatus(1, 'unhealthy', { pushNow: true });
    await eventually(() => expect(l!.e.Notification.instances.filter((n) => n.shown).length).toBeGreaterThan(0), { timeout: 20_000 });
    await eventually(() => expect(summaries.some((s) => s.servers.some((x) => x.reasons.some((r) => / down$/.test(r))))).toBe(true), { timeout: 20_000 });

    const notifications = l.e.Notification.instances.map((n) => n.options);
    expect(JSON.stringify(notifications)).toMatch(/forwarder/i);
    const seen = { tooltip: tray.tooltip, menu: labels(tray.menu?.items), summaries, notifications, title: win.title, sent: win.webContents.sent };
    for (const [what, value] of Object.entries(seen)) expect(leaks(JSON.stringify(value)), `the password reached the ${what}`).toBe(false);
    expect(JSON.stringify(summaries)).toContain('Forwarder corp [REDACTED] down'); // masked, not dropped
  }, 90_000);
});
