import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { CoreHandle } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { nullLogger } from '../../../electron/core/util/logger';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';

// Issue 12.4: a stored password changed nothing. After an import and the credential walkthrough
// every server stayed "Sign-in failed: No password stored" with zero logins at the servers; a
// corrected password on an auth-failed server changed nothing until "Reconnect now".
let emulator: EmulatedServer;
let core: CoreHandle;
let dir: string;
const statuses: ServerStatus[] = [];

beforeEach(async () => {
  emulator = await startEmulator({
    healthIntervalMs: 200,
    users: [
      { username: 'monitor', password: 'monitor-pass', isAdmin: true },
      { username: 'watcher', password: 'watcher-pass', isAdmin: true },
    ],
  });
  dir = mkdtempSync(join(tmpdir(), 'dnsfleet-creds-'));
  core = await createCore({
    host: 'cli',
    paths: defaultPaths(dir),
    logger: nullLogger,
    notifier: { notify: () => {} },
    credentials: new MemoryCredentialStore({ available: true, persistent: true, detail: 'test' }),
  });
  core.onPush((m) => m.channel === 'fleet:onDidChangeServer' && statuses.push(m.payload as ServerStatus));
  core.start();
});
afterEach(async () => {
  await core.dispose();
  await emulator.close();
  statuses.length = 0;
  rmSync(dir, { recursive: true, force: true });
});

/** The first status of `id` matching `pred` published from now on (or already current). */
function next(id: string, pred: (s: ServerStatus) => boolean, ms = 5000): Promise<ServerStatus> {
  const from = statuses.length;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out: ${statuses.filter((s) => s.serverId === id).map((s) => `${s.state}(${s.detail ?? ''})`).join(' > ')}`)),
      ms,
    );
    const poll = setInterval(() => {
      const s = statuses.slice(from).find((x) => x.serverId === id && pred(x));
      if (!s) return;
      clearTimeout(timer);
      clearInterval(poll);
      resolve(s);
    }, 10);
  });
}

const server = (id: string, username: string) => ({ id, name: id, url: emulator.url, username, stack: 'legacy', legacyTypes: 'admin', pollSeconds: 60, tags: [], enabled: true });
const invoke = <T>(channel: string, req: unknown) => (core.handlers as unknown as Record<string, (r: unknown) => Promise<T>>)[channel]!(req);

describe('credentials take effect (issue 12.4)', () => {
  it('a password stored in the import walkthrough signs a waiting server in within 5 s', async () => {
    const waiting = next('dns-a', (s) => s.state === 'auth-failed');
    const summary = await invoke<{ needCredentials: string[] }>('fleet:importConfig', { fleet: { servers: [server('dns-a', 'monitor')] } });
    expect(summary.needCredentials).toEqual(['dns-a']);
    expect((await waiting).detail).toMatch(/No password stored/);
    expect(emulator.control.stats().loginsOk + emulator.control.stats().loginsFailed).toBe(0);

    const storedAt = Date.now();
    const live = next('dns-a', (s) => s.state === 'live');
    await invoke('servers:setPassword', { id: 'dns-a', password: 'monitor-pass' });
    await live;
    expect(Date.now() - storedAt).toBeLessThan(5000);
    expect(emulator.control.stats().loginsOk).toBe(1);
  });

  it('a corrected password saved on an auth-failed server signs in; a refused one is retried only when the user stores it again', async () => {
    const refused = next('dns-b', (s) => s.state === 'auth-failed' && /401/.test(s.detail ?? ''));
    await invoke('servers:save', { config: server('dns-b', 'watcher'), password: 'wrong-pass', isNew: true });
    await refused;
    expect(emulator.control.stats().loginsFailed).toBe(1);

    // A refusal needs the user: no retry is scheduled, and a reconnect does not resend that password.
    const waiting = core.handlers['fleet:getSnapshot']({}).then((snap) => snap.servers.find((x) => x.serverId === 'dns-b')!);
    expect(await waiting).toMatchObject({ state: 'auth-failed', reconnect: null });
    const blocked = next('dns-b', (s) => s.state === 'auth-failed' && /refused; set a new one/.test(s.detail ?? ''));
    await invoke('servers:reconnect', { id: 'dns-b' });
    await blocked;
    expect(emulator.control.stats().loginsFailed).toBe(1);

    // Saving a password is the user's own try, once, even of the refused one.
    const again = next('dns-b', (s) => s.state === 'auth-failed' && /401/.test(s.detail ?? ''));
    await invoke('servers:save', { config: server('dns-b', 'watcher'), password: 'wrong-pass', isNew: false });
    await again;
    expect(emulator.control.stats().loginsFailed).toBe(2);

    const savedAt = Date.now();
    const live = next('dns-b', (s) => s.state === 'live');
    await invoke('servers:save', { config: server('dns-b', 'watcher'), password: 'watcher-pass', isNew: false });
    await live;
    expect(Date.now() - savedAt).toBeLessThan(5000);
    expect(emulator.control.stats().loginsOk).toBe(1);
  });

  it('a live server is left alone when its password is stored again (only waiting servers reconnect)', async () => {
    const live = next('dns-c', (s) => s.state === 'live');
    await invoke('servers:save', { config: server('dns-c', 'monitor'), password: 'monitor-pass', isNew: true });
    await live;
    const before = statuses.length;
    await invoke('servers:setPassword', { id: 'dns-c', password: 'monitor-pass' });
    // The handler has returned: a reconnect would have published a non-live state synchronously.
    expect(statuses.slice(before).filter((s) => s.serverId === 'dns-c' && s.state !== 'live')).toEqual([]);
    expect(emulator.control.stats().loginsOk).toBe(1);
  });
});
