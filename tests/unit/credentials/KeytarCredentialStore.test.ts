import { describe, expect, it } from 'vitest';
import { KeytarCredentialStore } from '../../../electron/core/credentials/KeytarCredentialStore';
import { redactString } from '../../../electron/core/util/redact';
import { capturingLogger, FakeKeytar } from './fakeKeytar';

const make = (keytar = new FakeKeytar(), timeoutMs = 200) => {
  const { logger, lines } = capturingLogger();
  return { keytar, lines, store: new KeytarCredentialStore({ keytar, logger, timeoutMs }) };
};

describe('KeytarCredentialStore', () => {
  it('keeps the password and the refresh token under one service, as <id> and <id>:refresh', async () => {
    const { keytar, store } = make();
    await store.set('dns-1', 'password', 'pw-one-1');
    await store.set('dns-1', 'refresh', 'refresh-token-1');
    expect([...keytar.items.keys()].sort()).toEqual(['dns-fleet-monitor/dns-1', 'dns-fleet-monitor/dns-1:refresh']);
    expect(await store.get('dns-1', 'password')).toBe('pw-one-1');
    expect(await store.has('dns-1')).toBe(true);
    expect(store.status()).toMatchObject({ available: true, persistent: true });
  });

  it('updates and deletes: one kind, or every kind of a server', async () => {
    const { keytar, store } = make();
    await store.set('dns-1', 'password', 'first-pw');
    await store.set('dns-1', 'password', 'second-pw');
    await store.set('dns-1', 'refresh', 'refresh-tok');
    await store.set('dns-2', 'password', 'other-pw');
    expect(await store.get('dns-1', 'password')).toBe('second-pw');
    await store.delete('dns-1', 'refresh');
    expect(await store.has('dns-1', 'refresh')).toBe(false);
    expect(await store.has('dns-1', 'password')).toBe(true);
    await store.delete('dns-1');
    expect(await store.get('dns-1', 'password')).toBeNull();
    expect([...keytar.items.keys()]).toEqual(['dns-fleet-monitor/dns-2']);
  });

  it('a locked keychain: the secret works for this session, the status says so, and nothing leaks to the log', async () => {
    const keytar = new FakeKeytar();
    keytar.mode = 'locked';
    const { store, lines } = make(keytar);
    const statuses: boolean[] = [];
    store.onDidChangeStatus((s) => statuses.push(s.persistent));
    await store.set('dns-1', 'password', 'session-only-secret');
    expect(await store.get('dns-1', 'password')).toBe('session-only-secret');
    expect(store.status()).toMatchObject({ available: false, persistent: false });
    expect(store.status().detail).toMatch(/locked.*in memory for this session only/);
    expect(statuses).toEqual([false]);
    expect(keytar.items.size).toBe(0);
    expect(lines.join('\n')).not.toContain('session-only-secret');
    expect(lines.some((l) => l.includes('locked collection'))).toBe(true);
  });

  it('once the keychain is unlocked, held secrets move into it and the notice clears', async () => {
    const keytar = new FakeKeytar();
    keytar.mode = 'locked';
    const { store } = make(keytar);
    await store.set('dns-1', 'password', 'held-while-locked');
    keytar.mode = 'ok';
    await store.set('dns-2', 'password', 'after-unlock');
    expect(keytar.items.get('dns-fleet-monitor/dns-1')).toBe('held-while-locked');
    expect(keytar.items.get('dns-fleet-monitor/dns-2')).toBe('after-unlock');
    expect(store.status().persistent).toBe(true);
  });

  it('a keychain call that never answers is bounded: reads give null instead of hanging', async () => {
    const keytar = new FakeKeytar();
    keytar.mode = 'hang';
    const { store } = make(keytar, 100);
    const t0 = Date.now();
    expect(await store.get('dns-1', 'password')).toBeNull();
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('a secret read from the keychain is masked in anything redacted afterwards', async () => {
    const keytar = new FakeKeytar();
    keytar.items.set('dns-fleet-monitor/dns-9', 'stored-earlier-secret');
    const { store } = make(keytar);
    await store.get('dns-9', 'password');
    expect(redactString('login failed for stored-earlier-secret')).toBe('login failed for [REDACTED]');
  });
});
