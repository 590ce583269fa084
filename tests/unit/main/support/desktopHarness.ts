/**
 * Launches the real Electron entry (electron/main/index.ts) against the Electron double, on a chosen
 * platform, with the core's start held at a gate (as a slow keychain would hold it). The test file
 * mocks 'electron', the core's composition root and the tray-host probe with the hooks below.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import type { CoreHandle, PushMessage } from '../../../../electron/core/api/CoreHandle';
import type { CoreOptions } from '../../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../../electron/core/credentials/MemoryCredentialStore';
import { Emitter } from '../../../../electron/core/util/Emitter';
import type { Alert } from '../../../../shared/domain/alert';
import type { ApiHandlers } from '../../../../shared/ipc/contract';
import { createElectronDouble, type ElectronDouble } from '../../../support/electronDouble';

export interface Hooks {
  electron: ElectronDouble | null;
  createCore: (opts: CoreOptions) => Promise<CoreHandle>;
  trayHostAnswers: boolean;
}
/** Shared with vi.mock factories (created by vi.hoisted in the test file). */
export type HooksHolder = { current: Hooks };

export const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 'a1',
  serverId: 'dns-1',
  key: 'bind',
  rule: 'bind',
  severity: 'critical',
  title: 'BIND is down on DNS 1',
  detail: 'named is not running',
  status: 'active',
  raisedAt: '2026-12-06T20:00:00.000Z',
  lastSeenAt: '2026-12-06T20:00:00.000Z',
  resolvedAt: null,
  ack: null,
  snoozedUntil: null,
  eventId: null,
  count: 1,
  ...over,
});

/** A core that records what the host asks of it; its dispose can be made slow or stuck. */
export class FakeCore implements CoreHandle {
  readonly calls: [string, unknown][] = [];
  readonly pushes = new Emitter<PushMessage>();
  alerts: Alert[] = [];
  snapshot: unknown = null;
  started = false;
  disposed = false;
  disposeDelayMs: number | null = 0;
  readonly handlers = new Proxy({} as ApiHandlers, {
    get: (_t, channel: string) => async (req: unknown) => {
      this.calls.push([channel, req]);
      if (channel === 'alerts:list') return this.alerts;
      if (channel === 'fleet:getSnapshot') return this.snapshot;
      return { ok: true };
    },
  });
  constructor(private readonly journal: string[]) {}
  start(): void {
    this.journal.push('core.start');
    this.started = true;
  }
  onPush(listener: (m: PushMessage) => void): () => void {
    return this.pushes.event(listener);
  }
  async dispose(): Promise<void> {
    this.journal.push('core.dispose');
    if (this.disposeDelayMs === null) return new Promise(() => {}); // a flush that never ends
    await new Promise((r) => setTimeout(r, this.disposeDelayMs!));
    this.disposed = true;
    this.journal.push('core.disposed');
  }
  callsTo(channel: string): unknown[] {
    return this.calls.filter(([c]) => c === channel).map(([, r]) => r);
  }
}

export interface Launched {
  e: ElectronDouble;
  core: FakeCore;
  /** What the app handed to createCore (notifier, tray, power...). */
  opts: () => CoreOptions;
  /** Let the core finish starting (the keychain answered). */
  releaseCore: () => Promise<void>;
  dataDir: string;
  /** The main process's uncaught-exception listeners the app installed (called directly: emitting on the test runner's process would fail the run). */
  crash: (err: Error) => void;
  cleanup: () => void;
}

export interface LaunchOptions {
  settings?: Record<string, unknown>;
  trayHost?: boolean;
  hasLock?: boolean;
  ready?: boolean;
  realCore?: boolean;
  /** Reuse a data dir (a relaunch); the caller removes it. */
  dataDir?: string;
  /** Set up the double before the app starts (monitors, network...). */
  before?: (e: ElectronDouble) => void;
}

/** createCore held at a gate, as a slow keychain holds it; the fake core, or the real one behind it. */
function gatedCore(e: ElectronDouble, core: FakeCore, realCore: boolean) {
  let open: () => void = () => {};
  const gate = new Promise<void>((r) => (open = r));
  let captured: CoreOptions | null = null;
  const createCore = async (opts: CoreOptions): Promise<CoreHandle> => {
    e.journal.push('createCore');
    captured = opts;
    await gate;
    e.journal.push('core ready');
    if (!realCore) return core;
    // The real core (SQLite event log with its writer thread), with a session-only keychain.
    const actual = await vi.importActual<typeof import('../../../../electron/core/compose')>('../../../../electron/core/compose');
    const real = await actual.createCore({ ...opts, credentials: new MemoryCredentialStore() });
    return { ...real, start: () => (core.start(), real.start()) };
  };
  const opts = () => {
    if (!captured) throw new Error('createCore was not called');
    return captured;
  };
  return { createCore, opts, open: () => open() };
}

/** Listeners the app adds to the test runner's own process, found and removed again. */
function processListeners() {
  const before = { uncaught: process.listeners('uncaughtException'), rejection: process.listeners('unhandledRejection') };
  const added = () => ({
    uncaught: process.listeners('uncaughtException').filter((f) => !before.uncaught.includes(f)),
    rejection: process.listeners('unhandledRejection').filter((f) => !before.rejection.includes(f)),
  });
  return {
    crash: (err: Error) => added().uncaught.forEach((f) => f(err, 'uncaughtException')),
    remove: () => {
      const { uncaught, rejection } = added();
      for (const f of uncaught) process.off('uncaughtException', f);
      for (const f of rejection) process.off('unhandledRejection', f);
    },
  };
}

export async function launch(hooks: HooksHolder, platform: NodeJS.Platform, o: LaunchOptions = {}): Promise<Launched> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'dnsfleet-desktop-'));
  if (o.settings) writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ version: 3, ...o.settings }));
  const e = createElectronDouble({ platform, userData: dataDir });
  e.app.hasLock = o.hasLock ?? true;
  o.before?.(e);
  const core = new FakeCore(e.journal);
  const gated = gatedCore(e, core, o.realCore ?? false);
  hooks.current = { electron: e, trayHostAnswers: o.trayHost ?? false, createCore: gated.createCore };
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
  const listeners = processListeners();
  vi.resetModules();
  await import('../../../../electron/main/index');
  if (o.ready !== false) e.app.fireReady();
  return {
    e,
    core,
    opts: gated.opts,
    releaseCore: async () => {
      gated.open();
      await eventually(() => expect(core.started).toBe(true), { timeout: 15_000 });
    },
    dataDir,
    crash: listeners.crash,
    cleanup: () => {
      listeners.remove();
      if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const REAL_PLATFORM = process.platform;

/** vi.waitFor with a timeout meant for a loaded 2-core machine: it waits for the event, never sleeps. */
export const eventually = <T>(fn: () => T | Promise<T>, opts: { timeout?: number; interval?: number } = {}) =>
  vi.waitFor(fn, { timeout: 10_000, interval: 20, ...opts });

/** The module vi.mock('electron') returns: forwards to the current test's double (each launch re-imports). */
export function electronModule(hooks: HooksHolder): Record<string, unknown> {
  const names = ['default', 'app', 'BrowserWindow', 'Tray', 'Menu', 'Notification', 'nativeImage', 'powerMonitor', 'ipcMain', 'session', 'shell', 'net', 'clipboard', 'dialog', 'screen'];
  const forward = (key: string | symbol) => (hooks.current.electron as Record<string | symbol, unknown> | null)?.[key];
  return new Proxy(Object.fromEntries(names.map((n) => [n, null])), { get: (_t, key) => forward(key) });
}
