import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { asServerId } from '../../../shared/domain/ids';
import type { Alert } from '../../../shared/domain/alert';
import type { PushMessage } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import type { TraySummaryModel } from '../../../electron/core/platform';
import { createLogger } from '../../../electron/core/util/logger';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';

// A hostile server names a forwarder with the password it was sent (once as sent, once in
// capitals). Everything the core hands a host for display (the tray's summary, notifications, the
// verdicts the window title and the CLI monitor print, the statuses the renderer draws) must mask it.
const PASSWORD = 'Tray-Canary-Pa55word-91c2';

async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const leaks = (text: string): boolean => text.toLowerCase().includes(PASSWORD.toLowerCase());

describe('a password in a forwarder name', () => {
  let emulator: EmulatedServer | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('never reaches the tray, a notification, a verdict, a status push or a forwarder event', async () => {
    emulator = await startEmulator({
      users: [{ username: 'monitor', password: PASSWORD, isAdmin: true }],
      healthIntervalMs: 200,
      forwarders: [
        { id: 1, name: `corp ${PASSWORD}`, type: 'intranet', status: 'healthy', healthyServers: 2, totalServers: 2 },
        { id: 2, name: `AD ${PASSWORD.toUpperCase()}`, type: 'active_directory', status: 'degraded', healthyServers: 1, totalServers: 2 },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-fwd-leak-'));
    const trays: TraySummaryModel[] = [];
    const notified: Alert[] = [];
    const core = await createCore({
      host: 'cli',
      paths: defaultPaths(dir),
      logger: createLogger('fwd-leak', { level: 'warn' }),
      notifier: { notify: (a) => notified.push(a) },
      tray: { update: (s) => trays.push(s) },
      credentials: new MemoryCredentialStore({ available: true, persistent: true, detail: 'test keychain' }),
    });
    const pushes: PushMessage[] = [];
    core.onPush((m) => pushes.push(m));
    core.start();
    const config = { id: asServerId('hostile'), name: 'Hostile', url: emulator.url, username: 'monitor', stack: 'auto' as const, legacyTypes: 'admin' as const, pollSeconds: 15, tags: [], enabled: true };
    expect(await core.handlers['servers:save']({ config, password: PASSWORD, isNew: true })).toEqual({ ok: true });

    // The degraded forwarder puts a reason in the verdict; the one going down raises an alert.
    await until(() => trays.some((t) => t.servers.some((s) => s.reasons.some((r) => r.includes('degraded')))), 20_000, 'a tray reason');
    emulator.control.setForwarderStatus(1, 'unhealthy', { pushNow: true });
    await until(() => notified.some((a) => a.rule.startsWith('forwarder')), 20_000, 'a forwarder notification');
    await until(() => trays.some((t) => t.servers.some((s) => s.reasons.some((r) => r.includes('down')))), 20_000, 'the down forwarder in the tray');
    const appended = () => pushes.filter((m) => m.channel === 'events:onDidAppend').flatMap((m) => m.payload as { type: string }[]);
    await until(() => appended().some((e) => e.type === 'forwarder_status_change'), 20_000, 'a forwarder event');
    const snapshot = await core.handlers['fleet:getSnapshot']({});
    const verdicts = pushes.filter((m) => m.channel === 'fleet:onDidChangeVerdict');
    const statuses = pushes.filter((m) => m.channel === 'fleet:onDidChangeServer');
    // Events the app derives from the forwarder list (the server's own free text is masked as sent: see SECURITY.md).
    const forwarderEvents = appended().filter((e) => e.type === 'forwarder_status_change');
    await core.dispose();

    expect(verdicts.length).toBeGreaterThan(0);
    expect(statuses.length).toBeGreaterThan(0);
    expect(forwarderEvents.length).toBeGreaterThan(0);
    expect(JSON.stringify(trays)).toContain('[REDACTED]'); // the name is still there, masked
    for (const [what, seen] of Object.entries({ trays, notified, verdicts, statuses, snapshot, forwarderEvents })) {
      expect(leaks(JSON.stringify(seen)), `the password reached ${what}`).toBe(false);
    }
    // Nothing the renderer is sent: the server's own health alerts about the forwarder included.
    const leaky = pushes.filter((m) => leaks(JSON.stringify(m)));
    expect(leaky.map((m) => JSON.stringify(m).slice(0, 300)), 'pushes that carry the password').toEqual([]);
  }, 90_000);
});
