import { describe, expect, it } from 'vitest';
import { KeytarCredentialStore } from '../../../electron/core/credentials/KeytarCredentialStore';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { openCredentialStore } from '../../../electron/core/credentials/openCredentialStore';
import { capturingLogger, FakeKeytar } from './fakeKeytar';

const NOTICE = process.platform === 'linux' ? 'No OS keychain (Secret Service) found: passwords are kept in memory for this session only' : undefined;
const open = (keytar: FakeKeytar | null, timeoutMs = 150) => {
  const { logger, lines } = capturingLogger();
  const load = () => (keytar ? { ok: true as const, keytar } : { ok: false as const, reason: 'libsecret-1.so.0: cannot open shared object file' });
  return { lines, pending: openCredentialStore(logger, { load, timeoutMs }) };
};

describe('openCredentialStore', () => {
  it('uses the keychain when it answers and accepts a write, leaving no probe item behind', async () => {
    const keytar = new FakeKeytar();
    const store = await open(keytar).pending;
    expect(store).toBeInstanceOf(KeytarCredentialStore);
    expect(store.status()).toMatchObject({ available: true, persistent: true });
    expect(keytar.items.size).toBe(0);
  });

  it('keytar that fails to load: memory for the session, with the notice', async () => {
    const { pending, lines } = open(null);
    const store = await pending;
    expect(store).toBeInstanceOf(MemoryCredentialStore);
    expect(store.status()).toEqual({ available: false, persistent: false, detail: NOTICE ?? expect.stringContaining('in memory for this session only') });
    expect(lines.join()).toContain('cannot open shared object');
  });

  it('no D-Bus: memory for the session, with the notice', async () => {
    const keytar = new FakeKeytar();
    keytar.mode = 'gone';
    const store = await open(keytar).pending;
    expect(store).toBeInstanceOf(MemoryCredentialStore);
    expect(store.status().detail).toBe(NOTICE ?? store.status().detail);
    await store.set('a', 'password', 'kept-in-memory');
    expect(await store.get('a', 'password')).toBe('kept-in-memory');
  });

  it('a bus that never answers does not hold up start-up', async () => {
    const keytar = new FakeKeytar();
    keytar.mode = 'hang';
    const t0 = Date.now();
    const store = await open(keytar, 200).pending;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(store.status().available).toBe(false);
  });

  it('a locked collection: the store says so from the start and keeps secrets in memory', async () => {
    const keytar = new FakeKeytar();
    keytar.mode = 'locked';
    const store = await open(keytar).pending;
    expect(store.status()).toMatchObject({ available: false, persistent: false });
    expect(store.status().detail).toMatch(/locked/);
    await store.set('a', 'password', 'while-locked');
    expect(await store.get('a', 'password')).toBe('while-locked');
    expect(keytar.items.size).toBe(0);
  });

  it('never enumerates credentials (findCredentials crashes on a locked collection)', async () => {
    const keytar = new FakeKeytar();
    const store = await open(keytar).pending;
    await store.set('a', 'password', 'pw-pw-pw');
    await store.has('a');
    await store.delete('a');
    expect(keytar.calls).not.toContain('find');
  });
});
