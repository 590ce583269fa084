import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inKeychainSession, keyringHome, PROBE, withoutKeychain } from './keychainSession';

const NO_KEYCHAIN = 'No OS keychain (Secret Service) found: passwords are kept in memory for this session only';
const homes: { remove: () => void }[] = [];
const home = () => {
  const h = keyringHome();
  homes.push(h);
  return h.dir;
};
afterEach(() => {
  for (const h of homes.splice(0)) h.remove();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
const why = (r: { stdout: string; stderr: string }) => `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

describe('credentials in a real Secret Service (gnome-keyring on a private D-Bus)', () => {
  it('stores, reads, updates and deletes a password and a refresh token', async () => {
    const r = await inKeychainSession(home(), 'test-pass', [`${PROBE} roundtrip dns-1`], { PROBE_SECRET: 'rt-secret-1' });
    expect(r.code, why(r)).toBe(0);
    expect(r.results[0]).toMatchObject({
      status: { available: true, persistent: true },
      first: 'rt-secret-1',
      updated: 'rt-secret-1-updated',
      refresh: 'rt-secret-1-refresh',
      afterDelete: { password: null, refresh: false },
    });
  });

  it('a stored password survives a restart (a new process on a new session bus), and is never on disk in plain text', async () => {
    const dir = home();
    const write = await inKeychainSession(dir, 'test-pass', [`${PROBE} write dns-keep`], { PROBE_SECRET: 'survives-restart-42' });
    expect(write.code, why(write)).toBe(0);
    expect(write.results[0]).toMatchObject({ status: { persistent: true }, readBack: 'survives-restart-42' });
    const read = await inKeychainSession(dir, 'test-pass', [`${PROBE} read dns-keep`]);
    expect(read.code, why(read)).toBe(0);
    expect(read.results[0]).toMatchObject({ secret: 'survives-restart-42' });
    const files = filesUnder(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(f).includes('survives-restart-42'), f).toBe(false);
  });

  it('a locked keychain (daemon started without unlocking): session-only, with a notice, and nothing stored', async () => {
    const dir = home();
    const r = await inKeychainSession(dir, null, [`${PROBE} write dns-locked`], { PROBE_SECRET: 'locked-secret' });
    expect(r.code, why(r)).toBe(0);
    const result = r.results[0]!;
    expect(result.status).toMatchObject({ available: false, persistent: false });
    expect(String((result.status as { detail: string }).detail)).toMatch(/locked.*in memory for this session only/);
    expect(result.readBack).toBe('locked-secret');
    for (const f of filesUnder(dir)) expect(readFileSync(f).includes('locked-secret')).toBe(false);
  });

  it('a keyring locked with a password we do not know, already holding our items, does not crash the app', async () => {
    const dir = home();
    const seed = await inKeychainSession(dir, 'first-pass', [`${PROBE} write dns-old`], { PROBE_SECRET: 'old-secret' });
    expect(seed.results[0], why(seed)).toMatchObject({ status: { persistent: true } });
    const r = await inKeychainSession(dir, 'another-pass', [`${PROBE} write dns-new`], { PROBE_SECRET: 'new-secret' });
    expect(r.code, why(r)).toBe(0);
    expect(r.results[0]).toMatchObject({ status: { available: false, persistent: false }, readBack: 'new-secret' });
  });

  it('no session bus at all: falls back to memory with the notice, promptly', async () => {
    const started = Date.now();
    const r = await withoutKeychain(`${PROBE} write dns-nobus`, null);
    expect(r.code, why(r)).toBe(0);
    expect(r.results[0]).toMatchObject({ status: { available: false, persistent: false, detail: NO_KEYCHAIN }, readBack: 'probe-secret' });
    expect(r.results[0]!.openedMs as number).toBeLessThan(5000);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('a session bus address that points nowhere: same fallback, in under 5 s', async () => {
    const r = await withoutKeychain(`${PROBE} status`, 'unix:path=/nonexistent/dnsfleet-bus');
    expect(r.code, why(r)).toBe(0);
    expect(r.results[0]).toMatchObject({ status: { available: false, persistent: false, detail: NO_KEYCHAIN } });
    expect(r.results[0]!.openedMs as number).toBeLessThan(5000);
  });
});
