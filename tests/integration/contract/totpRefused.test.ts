import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { CoreHandle, PushMessage } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { nullLogger } from '../../../electron/core/util/logger';
import { startEmulator, totp, type EmulatedServer } from '../../../electron/emulator';
import { asServerId } from '../../../shared/domain/ids';
import type { ServerStatus } from '../../../shared/domain/serverState';

const SECRET = 'JBSWY3DPEHPK3PXP';
let emulator: EmulatedServer | undefined;
let core: CoreHandle | undefined;
let dir: string | undefined;
afterEach(async () => {
  await core?.dispose();
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  delete process.env.DNSFLEET_TOTP_TEST_PW;
});

/** Resolves with the first pushed status of `id` in `state` (or rejects after `ms`). */
function stateOf(c: CoreHandle, state: string, ms = 15_000): Promise<ServerStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${state} within ${ms} ms`)), ms);
    const off = c.onPush((m: PushMessage) => {
      if (m.channel !== 'fleet:onDidChangeServer' || (m.payload as ServerStatus).state !== state) return;
      clearTimeout(timer);
      off();
      resolve(m.payload as ServerStatus);
    });
  });
}

// Issue 12.7: the 2FA dialog closed on a wrong code because the core answered "ok" either way.
it('servers:submitTotp says whether the server accepted the code', async () => {
  emulator = await startEmulator({ healthIntervalMs: 200, users: [{ username: 'monitor', password: 'monitor-pass', isAdmin: true, totpSecret: SECRET }] });
  dir = mkdtempSync(join(tmpdir(), 'dnsfleet-totp-'));
  process.env.DNSFLEET_TOTP_TEST_PW = 'monitor-pass';
  const c = (core = await createCore({
    host: 'cli',
    paths: defaultPaths(dir),
    logger: nullLogger,
    notifier: { notify: () => {} },
    credentials: new MemoryCredentialStore({ available: true, persistent: true, detail: 'test' }),
    fleetOverride: [{ id: asServerId('dns-2fa'), name: '2FA', url: emulator.url, username: 'monitor', passwordEnv: 'DNSFLEET_TOTP_TEST_PW', stack: 'legacy', legacyTypes: 'admin', pollSeconds: 60, tags: [], enabled: true }],
  }));
  const waiting = stateOf(c, 'needs-2fa');
  c.start();
  await waiting;
  const wrong = totp(SECRET, Date.now()) === '000000' ? '111111' : '000000';
  expect(await c.handlers['servers:submitTotp']({ id: 'dns-2fa', code: wrong })).toEqual({ ok: true, accepted: false });
  const live = stateOf(c, 'live');
  expect(await c.handlers['servers:submitTotp']({ id: 'dns-2fa', code: totp(SECRET, Date.now()) })).toEqual({ ok: true, accepted: true });
  await live;
}, 40_000);
