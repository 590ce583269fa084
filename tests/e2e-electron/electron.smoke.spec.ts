/**
 * Electron smoke test: the real app (out/main/index.js via package.json "main") in the real
 * Electron runtime, with the demo fleet. Where the Electron binary is not installed (this kind of
 * machine cannot download it) the test reports itself skipped with the reason.
 *   npm run build && npx install-electron && xvfb-run -a npx playwright test tests/e2e-electron
 */
import { expect, test } from '@playwright/test';
import { _electron, type ElectronApplication } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = process.cwd();
const MAIN = join(ROOT, 'out', 'main', 'index.js');

/**
 * The binary from require('electron'), but only when it is already installed: requiring the
 * package without its binary starts a download, which must never happen in a test.
 */
function installedElectron(): string | null {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  if (!existsSync(join(dist, readFileSync(pathFile, 'utf8').trim()))) return null;
  const binary = createRequire(join(ROOT, 'package.json'))('electron') as unknown;
  return typeof binary === 'string' && existsSync(binary) ? binary : null;
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

function emulatorUrls(app: ElectronApplication, count: number): Promise<string[]> {
  const urls: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the demo fleet did not announce its emulators')), 30_000);
    createInterface({ input: app.process().stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { kind?: string; url?: string };
        if (msg.kind === 'emulator' && msg.url) urls.push(msg.url);
      } catch {
        return; // not one of our JSON lines
      }
      if (urls.length >= count) {
        clearTimeout(timer);
        resolve(urls);
      }
    });
  });
}

test('the Electron app opens the fleet, keeps the page isolated, notifies a forwarder failure and opens it on click', async () => {
  const electron = installedElectron();
  test.skip(!electron, 'Electron binary not installed: run npx install-electron');
  test.skip(!hasDisplay, 'No display for Electron: run under xvfb-run -a');
  expect(existsSync(MAIN), 'the app is not built: run npm run build').toBe(true);

  const dataDir = mkdtempSync(join(tmpdir(), 'dnsfleet-electron-'));
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : []; // Chromium refuses to run as root otherwise
  const app = await _electron.launch({
    executablePath: electron!,
    args: [...rootArgs, ROOT, '--demo', '--json'],
    env: { ...process.env, DNSFLEET_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: '' },
  });
  try {
    const urls = emulatorUrls(app, 3);
    // Record notifications in the main process instead of showing them (no notification daemon here).
    await app.evaluate(({ Notification }) => {
      const g = globalThis as unknown as { __shown: { title: string; body: string }[]; __notes: unknown[] };
      g.__shown = [];
      g.__notes = [];
      Notification.isSupported = () => true;
      Notification.prototype.show = function show(this: { title: string; body: string }) {
        g.__shown.push({ title: this.title, body: this.body });
        g.__notes.push(this);
      };
    });

    const page = await app.firstWindow();
    await expect(page.getByText('dns-hq-1').first()).toBeVisible({ timeout: 30_000 });

    const isolation = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { require: typeof w.require, process: typeof w.process, bridge: Object.keys((w.dnsfleet as object) ?? {}).sort() };
    });
    expect(isolation).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] });
    const [first] = await urls;
    const res = await fetch(`${first}/__emulator/forwarder`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 1, status: 'unhealthy', pushNow: true }),
    });
    expect(res.ok).toBe(true);
    await expect
      .poll(() => app.evaluate(() => (globalThis as unknown as { __shown: { title: string }[] }).__shown.map((n) => n.title)), {
        timeout: 30_000,
      })
      .toContainEqual(expect.stringMatching(/Forwarder .* is unhealthy on dns-hq-1/));

    // A click on the notification brings the window forward on that alert.
    await app.evaluate(() => {
      const notes = (globalThis as unknown as { __notes: { emit(e: string): void }[] }).__notes;
      notes.at(-1)?.emit('click');
    });
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: 10_000 }).toMatch(/^#\/alerts/);

    // No inline script runs (CSP), whatever a page manages to inject.
    const inline = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false;
    });
    expect(inline).toBe(false);

    // Closing the window keeps the monitor running (tray, or minimised where no tray host answers).
    const afterClose = await app.evaluate(({ BrowserWindow }) => {
      const [win] = BrowserWindow.getAllWindows();
      win?.close();
      return { windows: BrowserWindow.getAllWindows().length, destroyed: win?.isDestroyed() ?? true };
    });
    expect(afterClose).toEqual({ windows: 1, destroyed: false });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
