import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { ConnectionTest } from '../../../shared/ipc/schemas';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { serversCommand, type ServersDeps } from '../../../electron/hosts/cli/servers';
import { captureIo, FakeTty } from './cliIo';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function setup(persistent = true) {
  const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-cli-'));
  dirs.push(dir);
  // A keychain stand-in shared by every command of a test, like the OS keychain between runs.
  const keychain = new MemoryCredentialStore(persistent ? { available: true, persistent: true, detail: 'test keychain' } : {});
  const deps: ServersDeps = { openCredentials: async () => keychain };
  const run = async (args: string[], input = '', tty?: FakeTty) => {
    const io = captureIo(input, tty);
    const code = await serversCommand([args[0]!, '--data-dir', dir, ...args.slice(1)], io, deps);
    return { code, out: io.out(), err: io.err() };
  };
  return { dir, keychain, deps, run, settingsText: () => readFileSync(join(dir, 'settings.json'), 'utf8') };
}
const ADD = ['add', '--id', 'dns-1', '--name', 'London', '--url', 'https://dns-1.example.net:8443', '--username', 'monitor'];

describe('dnsfleet servers', () => {
  it('add --password-stdin keeps the password in the keychain only; list --json shows the model and hasCredential', async () => {
    const { run, keychain, settingsText } = setup();
    const added = await run([...ADD, '--password-stdin', '--group', 'lon', '--tag', 'edge', '--tag', 'primary', '--stack', 'unified'], 'stdin-secret-1\n');
    expect(added, added.err).toMatchObject({ code: 0, out: 'added dns-1\n' });
    expect(await keychain.get('dns-1', 'password')).toBe('stdin-secret-1');
    expect(settingsText()).not.toContain('stdin-secret-1');
    await run(['add', '--id', 'dns-2', '--name', 'Paris', '--url', 'http://10.0.0.2:8000', '--username', 'monitor']);
    const list = await run(['list', '--json']);
    const lines = list.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ id: 'dns-1', name: 'London', group: 'lon', tags: ['edge', 'primary'], stack: 'unified', enabled: true, hasCredential: true }),
      expect.objectContaining({ id: 'dns-2', hasCredential: false }),
    ]);
    expect(list.out).not.toContain('stdin-secret-1');
  });

  it('refuses --password with a clear reason, without echoing it, and adds nothing', async () => {
    const { run } = setup();
    for (const args of [[...ADD, '--password', 'argv-secret'], [...ADD, '--password=argv-secret']]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--password is not accepted.*process list.*--password-stdin/);
      expect(r.err + r.out).not.toContain('argv-secret');
    }
    expect((await run(['list', '--json'])).out).toBe('');
  });

  it('on a terminal, asks for the password without echoing it', async () => {
    const { run, keychain } = setup();
    const tty = new FakeTty('typo-secreX\u007ft\r');
    const r = await run(ADD, '', tty);
    expect(r.code, r.err).toBe(0);
    expect(await keychain.get('dns-1', 'password')).toBe('typo-secret');
    expect(r.err).toContain('Password for monitor at https://dns-1.example.net:8443: ');
    expect(r.err + r.out).not.toContain('typo');
    expect(tty.rawModes).toEqual([true, false]);
  });

  it('Ctrl-C at the prompt adds nothing', async () => {
    const { run } = setup();
    const r = await run(ADD, '', new FakeTty('half\u0003'));
    expect(r.code).toBe(1);
    expect((await run(['list', '--json'])).out).toBe('');
  });

  it('a duplicate id, a bad URL and a missing --data-dir are reported clearly', async () => {
    const { run, deps } = setup();
    await run(ADD);
    const dup = await run(ADD);
    expect(dup).toMatchObject({ code: 1, err: expect.stringContaining('a server with id "dns-1" already exists') });
    const bad = await run(['add', '--id', 'x', '--url', 'dns.example.net', '--username', 'monitor']);
    expect(bad).toMatchObject({ code: 2, err: expect.stringMatching(/--url: /) });
    const io = captureIo();
    expect(await serversCommand(['list'], io, deps)).toBe(2);
    expect(io.err()).toContain('--data-dir <dir> is required');
  });

  it('without a keychain: refuses a password it would lose, does not prompt for one, and points to --password-env', async () => {
    const { run } = setup(false);
    const r = await run([...ADD, '--password-stdin'], 'would-be-lost');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/No OS keychain.*--password-env/);
    expect((await run(['list', '--json'])).out).toBe('');
    const onTerminal = await run(ADD, '', new FakeTty('never-asked\r'));
    expect(onTerminal.code, onTerminal.err).toBe(0);
    expect(onTerminal.err).toMatch(/no password stored for dns-1 \(No OS keychain.*--password-env/);
    expect(onTerminal.err).not.toContain('Password for');
    await run(['remove', '--id', 'dns-1']);
    const env = await run([...ADD, '--password-env', 'DNSFLEET_DNS1_PASSWORD']);
    expect(env.code, env.err).toBe(0);
    expect(env.err).toBe('');
  });

  it('lists as a table for people', async () => {
    const { run } = setup();
    await run([...ADD, '--password-stdin'], 'pw-for-table');
    const table = await run(['list']);
    const [header, row] = table.out.trim().split('\n');
    expect(header).toMatch(/^ID\s+NAME\s+URL\s+USER\s+STACK\s+STATE\s+CREDENTIAL$/);
    expect(row).toMatch(/^dns-1\s+London\s+https:\/\/dns-1\.example\.net:8443\s+monitor\s+auto\s+enabled\s+password stored$/);
  });

  it('remove deletes the server and its password', async () => {
    const { run, keychain } = setup();
    await run([...ADD, '--password-stdin'], 'pw-to-remove');
    expect(await run(['remove', '--id', 'dns-1'])).toMatchObject({ code: 0, out: 'removed dns-1\n' });
    expect(await keychain.has('dns-1')).toBe(false);
    expect(await run(['remove', '--id', 'dns-1'])).toMatchObject({ code: 1, err: expect.stringContaining('no server with id "dns-1"') });
  });

  it('import then export: a fleet moves between machines without its secrets', async () => {
    const a = setup();
    const fleetPath = join(a.dir, 'fleet.json');
    const servers = [
      { id: 'dns-a', name: 'A', url: 'https://a.example.net', username: 'monitor', password: 'must-not-travel', tags: ['x'] },
      { id: 'dns-b', name: 'B', url: 'http://10.1.1.1:8000', username: 'monitor', passwordEnv: 'DNSFLEET_B_PW', enabled: false },
    ];
    writeFileSync(fleetPath, JSON.stringify({ servers }));
    const imported = await a.run(['import', '--file', fleetPath, '--json', '--yes']);
    expect(imported.code, imported.err).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ added: ['dns-a', 'dns-b'], updated: [], needCredentials: ['dns-a', 'dns-b'] });
    const again = await a.run(['import', '--file', fleetPath]);
    expect(again.out).toBe('added: -\nupdated: dns-a, dns-b\nneed credentials: dns-a, dns-b\n');
    const exported = await a.run(['export']);
    expect(exported.out).not.toContain('must-not-travel');
    const outFile = join(a.dir, 'out.json');
    expect((await a.run(['export', '--out', outFile])).code).toBe(0);
    const b = setup();
    await b.run(['import', '--file', outFile, '--yes']);
    expect((await b.run(['export'])).out).toBe(exported.out);
    const fleet = JSON.parse(exported.out) as { servers: ServerConfig[] };
    expect(fleet.servers.map((s) => [s.id, s.enabled, s.passwordEnv])).toEqual([['dns-a', true, undefined], ['dns-b', false, 'DNSFLEET_B_PW']]);
  });

  it('import of a broken file names the problem and changes nothing', async () => {
    const { run, dir } = setup();
    const missing = await run(['import', '--file', join(dir, 'nope.json')]);
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('fleet file not found') });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ servers: [{ id: 'ok', name: 'ok', url: 'https://ok.example.net', username: 'monitor' }, { id: 'x', url: 'https://x' }] }));
    const r = await run(['import', '--file', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/servers\[1\] \(id "x"\) (name|username)/);
    expect((await run(['list', '--json'])).out).toBe('');
  });

  it('test runs the connection test with the stored password and exits 1 when a stage fails', async () => {
    const { run, deps } = setup();
    await run([...ADD, '--password-stdin'], 'pw-for-test');
    const seen: (string | null)[] = [];
    const result = (ok: boolean): ConnectionTest => ({
      ok,
      fingerprint256: null,
      stages: [
        { stage: 'tcp', ok: true, detail: 'connected', ms: 3 },
        { stage: 'login', ok, detail: ok ? 'logged in' : 'invalid credentials', ms: 12 },
      ],
    });
    let next = true;
    deps.loadTester = async () => async (_config, password) => (seen.push(password), result(next));
    const passed = await run(['test', '--id', 'dns-1']);
    expect(passed.code).toBe(0);
    expect(passed.out).toMatch(/^ok\s+tcp\s+3 ms {2}connected\nok\s+login\s+12 ms {2}logged in\n$/);
    next = false;
    const failed = await run(['test', '--id', 'dns-1', '--json']);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.out)).toMatchObject({ ok: false });
    expect(seen).toEqual(['pw-for-test', 'pw-for-test']);
    deps.loadTester = async () => null;
    expect(await run(['test', '--id', 'dns-1'])).toMatchObject({ code: 1, err: expect.stringContaining('not available in this build') });
  });
});
