import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { inKeychainSession, keyringHome } from './keychainSession';

/** The real `dnsfleet` entry, as `npm run cli` runs it. */
const SERVERS = 'node_modules/.bin/tsx electron/hosts/cli.ts servers';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
function dirs() {
  const home = keyringHome();
  const data = mkdtempSync(join(tmpdir(), 'dnsfleet-data-'));
  cleanups.push(home.remove, () => rmSync(data, { recursive: true, force: true }));
  return { home: home.dir, data };
}

describe('dnsfleet servers with the OS keychain', () => {
  it('a password given at `add` is still there for the next run, and `test` logs in with it', async () => {
    const emulator: EmulatedServer = await startEmulator({ port: 0 });
    cleanups.push(() => emulator.close());
    const { home, data } = dirs();
    const add = `printf %s monitor-pass | ${SERVERS} add --data-dir ${data} --id emu-1 --name Emulated --url ${emulator.url} --username monitor --password-stdin`;
    const first = await inKeychainSession(home, 'test-pass', [add]);
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(join(data, 'settings.json'), 'utf8')).not.toContain('monitor-pass');

    const second = await inKeychainSession(home, 'test-pass', [`${SERVERS} list --data-dir ${data} --json`, `${SERVERS} test --data-dir ${data} --id emu-1 --json`]);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.results[0]).toMatchObject({ id: 'emu-1', url: emulator.url, hasCredential: true });
    expect(second.results[1]).toMatchObject({ ok: true });
    expect(second.stdout + second.stderr).not.toContain('monitor-pass');
  });
});
