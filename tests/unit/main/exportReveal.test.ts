/**
 * "Show in folder" after an export (issue 14), through the real Electron entry and the real core on
 * the Electron double: the page asks over IPC, main checks the path is a file this run's export wrote,
 * and only then shell.showItemInFolder is called.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportRevealer } from '../../../electron/main/revealFile';
import { nullLogger } from '../../../electron/core/util/logger';
import { shellDouble } from '../../support/electronDouble/system';
import { eventually, launch, REAL_PLATFORM, type HooksHolder, type Launched } from './support/desktopHarness';

const hooks = vi.hoisted(() => ({ current: null as unknown }) as HooksHolder);
vi.mock('electron', async () => (await import('./support/desktopHarness')).electronModule(hooks));
vi.mock('../../../electron/core/compose', () => ({ createCore: (opts: never) => hooks.current.createCore(opts) }));
vi.mock('../../../electron/main/trayHost', () => ({ linuxTrayHostAnswers: async () => hooks.current.trayHostAnswers }));

let l: Launched | undefined;
afterEach(() => {
  l?.cleanup();
  l = undefined;
  Object.defineProperty(process, 'platform', { value: REAL_PLATFORM, configurable: true });
});

interface Progress {
  jobId: string;
  done: boolean;
  path: string | null;
}

describe('export: show in folder', () => {
  it('reveals the file the export wrote, and nothing else the page names', async () => {
    l = await launch(hooks, 'linux', { realCore: true });
    await l.releaseCore();
    const win = l.e.BrowserWindow.instances[0]!;
    const page = win.webContents.url;
    const invoke = (channel: string, payload: unknown) => l!.e.ipcMain.invokeFrom(page, channel, payload) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

    const started = await invoke('events:export', { filter: {}, format: 'csv' });
    expect(started.ok).toBe(true);
    const { jobId } = started.value as { jobId: string };
    const done = () =>
      win.webContents.sent
        .map(([, m]) => m as { channel: string; payload: Progress })
        .find((m) => m?.channel === 'events:onDidExportProgress' && m.payload.jobId === jobId && m.payload.done);
    await eventually(() => expect(done()).toBeDefined(), { timeout: 15_000 });
    const path = done()!.payload.path!;
    expect(path.startsWith(join(l.dataDir, 'exports'))).toBe(true);

    // A file in the exports folder the export did not write, a path outside, and a path that climbs out.
    mkdirSync(join(l.dataDir, 'exports'), { recursive: true });
    writeFileSync(join(l.dataDir, 'exports', 'planted.csv'), 'x');
    for (const other of [join(l.dataDir, 'exports', 'planted.csv'), '/etc/passwd', `${join(l.dataDir, 'exports')}/../settings.json`]) {
      await expect(invoke('events:revealExport', { path: other })).resolves.toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
    expect(l.e.shell.shownItems).toEqual([]);

    await expect(invoke('events:revealExport', { path })).resolves.toEqual({ ok: true, value: { ok: true } });
    expect(l.e.shell.shownItems).toEqual([path]);
  }, 60_000);

  it('the Electron adapter shows only an existing file directly in the exports folder, whatever it is handed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-reveal-'));
    try {
      const exportsDir = join(dir, 'exports');
      mkdirSync(join(exportsDir, 'sub'), { recursive: true });
      writeFileSync(join(exportsDir, 'events.csv'), 'x');
      writeFileSync(join(exportsDir, 'sub', 'deeper.csv'), 'x');
      const shell = shellDouble();
      const reveal = exportRevealer(shell, exportsDir, nullLogger);
      for (const bad of ['events.csv', join(exportsDir, 'missing.csv'), join(exportsDir, 'sub'), join(exportsDir, 'sub', 'deeper.csv'), `${exportsDir}/../exports/../secret`]) {
        expect(() => reveal(bad), bad).toThrow(/not in the exports folder/);
      }
      expect(shell.shownItems).toEqual([]);
      reveal(`${exportsDir}/sub/../events.csv`);
      expect(shell.shownItems).toEqual([join(exportsDir, 'events.csv')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
