/**
 * Electron entry: hands the real Electron modules to the composition (desktopApp.ts). Passing them
 * here is also the check that electronApi.ts matches electron.d.ts: a drifted signature fails the
 * build. No logic lives here.
 */
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, net, Notification, powerMonitor, screen, session, shell, Tray } from 'electron';
import { dirname } from 'node:path';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/compose';
import { systemClock } from '../core/platform';
import type { RunningDemo } from '../hosts/demoFleet';
import { runDesktopApp, type DesktopDemo } from './desktopApp';
import type { ElectronApi } from './electronApi';
import { ElectronStoreSettingsStore } from './settings/ElectronStoreSettingsStore';
import { linuxTrayHostAnswers } from './trayHost';

const electron: ElectronApi = { app, BrowserWindow, Tray, Menu, Notification, nativeImage, powerMonitor, ipcMain, session, shell, net, clipboard, dialog, screen };

function demoFleet(): DesktopDemo {
  let running: RunningDemo | undefined;
  return {
    // The emulator loads only when the demo is asked for, so the app's main bundle carries none of it.
    options: async () => (running ??= await (await import('../hosts/demoFleet')).runDemoFleet()),
    // Machine-readable lines on stdout (like the browser host's --json), for scripts and e2e.
    announce: () => {
      for (const e of running?.emulators ?? []) process.stdout.write(JSON.stringify({ kind: 'emulator', name: e.name, url: e.url }) + '\n');
    },
    close: async () => running?.close(),
  };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

runDesktopApp({
  electron,
  platform: process.platform,
  argv: process.argv,
  env: process.env,
  mainDir: dirname(fileURLToPath(import.meta.url)),
  createCore,
  openSettings: (o) => ElectronStoreSettingsStore.open(o),
  trayHostAnswers: () => linuxTrayHostAnswers(),
  clock: systemClock,
  operator: safeUserName(),
  demo: demoFleet(),
  process,
}).catch((err: unknown) => {
  process.stderr.write(`DNS Fleet Monitor failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  app.exit(1);
});
