/**
 * The alerting policy is applied by the core, so every host gets the same: the host's notifier and
 * the page's alerts:onDidNotify see only what the policy lets through; a policy change applies at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import type { CoreHandle, PushMessage } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { ConfSettingsStore } from '../../../electron/core/settings/ConfSettingsStore';
import { nullLogger } from '../../../electron/core/util/logger';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { serverConfig } from '../connectivity/helpers';

let emu: EmulatedServer | undefined;
let core: CoreHandle | undefined;
let dir: string | undefined;
afterEach(async () => {
  await core?.dispose();
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  core = emu = dir = undefined;
  delete process.env.DNSFLEET_POLICY_PW;
});

const forwarders = [
  { id: 1, name: 'Corporate AD', type: 'active_directory' as const, status: 'healthy' as const, healthyServers: 2, totalServers: 2 },
  { id: 3, name: 'Public DNS', type: 'public' as const, status: 'healthy' as const, healthyServers: 2, totalServers: 2 },
];

describe('the alerting policy in the core (emulator)', () => {
  it('only criticals reach the notifier and the page under "critical and up"; lowering it applies at once', async () => {
    emu = await startEmulator({ healthIntervalMs: 100, systemIntervalMs: 150, forwarders });
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-policy-'));
    const settings = ConfSettingsStore.open({ dataDir: dir, logger: nullLogger });
    settings.update((s) => ({ ...s, notifications: { ...s.notifications, minSeverity: 'critical' } }));
    process.env.DNSFLEET_POLICY_PW = 'monitor-pass';
    const notified: Alert[] = [];
    const pushes: PushMessage[] = [];
    const waiters = new Set<() => void>();
    core = await createCore({
      host: 'web',
      paths: defaultPaths(dir),
      logger: nullLogger,
      settings,
      notifier: { notify: (a) => notified.push(a) },
      credentials: new MemoryCredentialStore({ available: true, persistent: false, detail: 'test' }),
      fleetOverride: [serverConfig(emu.url, { stack: 'legacy', passwordEnv: 'DNSFLEET_POLICY_PW' })],
    });
    core.onPush((m) => {
      pushes.push(m);
      for (const w of [...waiters]) w();
    });
    const waitPush = (pred: (m: PushMessage) => boolean) =>
      new Promise<PushMessage>((resolve, reject) => {
        const check = () => {
          const found = pushes.find(pred);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => reject(new Error(`timed out; states, alerts and events: ${JSON.stringify(pushes.filter((p) => p.channel.startsWith('alerts:') || p.channel.startsWith('settings:') || (p.channel === 'events:onDidAppend' && (p.payload as { type: string }[]).some((e) => e.type.startsWith('bind')))).map((p) => p.channel === 'events:onDidAppend' ? (p.payload as { type: string }[]).map((e) => e.type) : p.channel === 'fleet:onDidChangeServer' ? (p.payload as { state: string }).state : p.payload))}`)), 10_000);
        waiters.add(check);
        check();
      });
    const keyOf = (m: PushMessage) => (m.channel === 'alerts:onDidNotify' ? (m.payload as { alert: Alert }).alert.key : m.channel === 'alerts:onDidRaise' ? (m.payload as Alert).key : null);
    core.start();
    await waitPush((m) => m.channel === 'fleet:onDidChangeServer' && (m.payload as { state: string }).state === 'live');

    emu.control.setForwarderStatus(3, 'unhealthy', { pushNow: true });
    await waitPush((m) => m.channel === 'alerts:onDidChange' && (m.payload as Alert).key === 'forwarder:3');
    emu.control.setBindRunning(false);
    await waitPush((m) => m.channel === 'alerts:onDidNotify' && keyOf(m) === 'bind');
    expect(notified.map((a) => a.key)).toEqual(['bind']);
    expect(pushes.filter((m) => m.channel === 'alerts:onDidNotify').map(keyOf)).toEqual(['bind']);

    const r = await core.handlers['settings:setPolicy']({ policy: { ...settings.get().notifications, minSeverity: 'warning' } });
    expect(r.minSeverity).toBe('warning');
    await waitPush((m) => m.channel === 'settings:onDidChangePolicy');
    emu.control.setForwarderStatus(1, 'unhealthy', { pushNow: true });
    await waitPush((m) => m.channel === 'alerts:onDidNotify' && keyOf(m) === 'forwarder:1');
    expect(notified.map((a) => a.key)).toEqual(['bind', 'forwarder:1']);
  }, 30_000);
});
