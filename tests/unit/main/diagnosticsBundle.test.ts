/**
 * The desktop's diagnostics bundle, through the real entry, the Electron double and the real core:
 * Help -> "Save diagnostics bundle…" and the Settings page's button (over IPC) both have the core
 * write the zip, then a save dialog in Downloads under the core's file name; the copy is shown in its
 * folder. Cancelling keeps the bundle in the exports folder and says so (savedTo null).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { click, menuItem } from '../../support/electronDouble';
import { eventually, launch, REAL_PLATFORM, type HooksHolder, type Launched } from './support/desktopHarness';

const hooks = vi.hoisted(() => ({ current: null as unknown }) as HooksHolder);
vi.mock('electron', async () => (await import('./support/desktopHarness')).electronModule(hooks));
vi.mock('../../../electron/core/compose', async () => ({
  ...(await vi.importActual<object>('../../../electron/core/compose')),
  createCore: (opts: never) => hooks.current.createCore(opts),
}));
vi.mock('../../../electron/main/trayHost', () => ({ linuxTrayHostAnswers: async () => hooks.current.trayHostAnswers }));

let l: Launched | null = null;
let saveDir: string | null = null;
afterEach(async () => {
  if (l && l.e.app.exitCode === null) {
    click(menuItem(l.e.Tray.instances[0]!.menu, ['Quit']));
    await l.e.app.exit$;
  }
  l?.cleanup();
  l = null;
  if (saveDir) rmSync(saveDir, { recursive: true, force: true });
  Object.defineProperty(process, 'platform', { value: REAL_PLATFORM, configurable: true });
});

const bundlesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => /^diagnostics-.*\.zip$/.test(n)) : []);

describe('the diagnostics bundle on the desktop', () => {
  it('Help -> Save diagnostics bundle… saves where the user chose and shows it in its folder', async () => {
    l = await launch(hooks, 'linux', { realCore: true });
    await l.releaseCore();
    saveDir = mkdtempSync(join(tmpdir(), 'dnsfleet-save-'));
    const chosen = join(saveDir, 'ticket-4711.zip');
    l.e.dialog.saveAnswer = chosen;
    click(menuItem(l.e.Menu.applicationMenu, ['help', 'Save diagnostics bundle…']));
    await eventually(() => expect(l!.e.shell.shownItems).toEqual([chosen]), { timeout: 15_000 });
    const [dialog] = l.e.dialog.saveDialogs;
    const [written] = bundlesIn(join(l.dataDir, 'exports'));
    expect(dialog).toMatchObject({ title: 'Save diagnostics bundle', defaultPath: join(l.dataDir, written!) });
    const files = Object.fromEntries(Object.entries(unzipSync(readFileSync(chosen))).map(([n, b]) => [n, strFromU8(b)]));
    expect(JSON.parse(files['versions.json']!)).toMatchObject({ host: 'electron', app: '0.1.0' });
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['settings.json', 'servers.json', 'inspector.json', 'event-log.json', 'logs/main.log']));
  });

  it('from the page over IPC: a cancelled dialog leaves the bundle in the exports folder and says so', async () => {
    l = await launch(hooks, 'linux', { realCore: true });
    await l.releaseCore();
    const page = l.e.BrowserWindow.instances[0]!.webContents.url;
    const answer = (await l.e.ipcMain.invokeFrom(page, 'app:writeDiagnostics', {})) as { ok: true; value: { path: string; savedTo: string | null; fileName: string } };
    expect(answer.ok).toBe(true);
    expect(answer.value.savedTo).toBeNull();
    expect(l.e.dialog.saveDialogs).toHaveLength(1);
    expect(l.e.shell.shownItems).toEqual([]);
    expect(bundlesIn(join(l.dataDir, 'exports'))).toEqual([answer.value.fileName]);
    expect(existsSync(answer.value.path)).toBe(true);
  });
});
