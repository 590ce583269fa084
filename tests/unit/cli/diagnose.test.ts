import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { credentialBinding } from '../../../electron/core/credentials/credentialBinding';
import { forgetSecret } from '../../../electron/core/util/redact';
import { diagnoseCommand } from '../../../electron/hosts/cli/diagnose';

const PASSWORD = 'Stored-in-keychain-Pa55';
const REFRESH = 'opaque-refresh-token-4f1c9a';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { stdout, stderr, out: () => out, err: () => err };
}

describe('dnsfleet diagnose', () => {
  let dir: string;
  let credentials: MemoryCredentialStore;
  const run = (args: string[], streams = io()) => diagnoseCommand(args, streams, { openCredentials: async () => credentials });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-diagnose-'));
    const server = { id: 'dns-1', name: 'DNS 1', url: 'https://10.0.0.53', username: 'monitor' };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 3, servers: [server], credentialBindings: { 'dns-1': credentialBinding(server) } }));
    credentials = new MemoryCredentialStore({ available: true, persistent: true, detail: 'test' });
    await credentials.set('dns-1', 'password', PASSWORD);
    await credentials.set('dns-1', 'refresh', REFRESH);
    // A fresh process: the keychain holds them, but nothing in it has read them yet.
    forgetSecret(PASSWORD);
    forgetSecret(REFRESH);
  });
  afterEach(() => {
    forgetSecret(PASSWORD);
    forgetSecret(REFRESH);
    rmSync(dir, { recursive: true, force: true });
  });

  it('masks a stored password or token that another process let into its log', async () => {
    mkdirSync(join(dir, 'logs'));
    const leaked = { at: new Date().toISOString(), level: 'warn', logger: 'old-build', msg: `retrying login as monitor/${PASSWORD} with refresh ${REFRESH}` };
    writeFileSync(join(dir, 'logs', 'dnsfleet.log'), JSON.stringify(leaked) + '\n');
    const out = join(dir, 'bundle.zip');
    const streams = io();
    expect(await run(['--data-dir', dir, '--out', out], streams)).toBe(0);
    expect(streams.out()).toBe(`${out}\n`);
    const files = Object.fromEntries(Object.entries(unzipSync(readFileSync(out))).map(([n, b]) => [n, strFromU8(b)]));
    expect(files['logs/dnsfleet.log']).toContain('retrying login as monitor/[REDACTED] with refresh [REDACTED]');
    expect(JSON.parse(files['servers.json']!)).toEqual([expect.objectContaining({ id: 'dns-1', hasCredential: true })]);
    expect(JSON.parse(files['event-log.json']!)).toEqual({ present: false, detail: 'no events.db in the data dir' });
    expect(JSON.parse(files['app-health.json']!)).toMatchObject({ keychain: { available: true, detail: 'test' } });
    for (const text of Object.values(files)) for (const s of [PASSWORD, REFRESH]) expect(text).not.toContain(s);
  });

  it('refuses to overwrite without --force, and says why', async () => {
    const out = join(dir, 'bundle.zip');
    writeFileSync(out, 'an earlier bundle');
    const streams = io();
    expect(await run(['--data-dir', dir, '--out', out], streams)).toBe(1);
    expect(streams.err()).toBe(`dnsfleet diagnose: ${out} already exists; add --force to replace it\n`);
    expect(readFileSync(out, 'utf8')).toBe('an earlier bundle');
    expect(await run(['--data-dir', dir, '--out', out, '--force'])).toBe(0);
    expect(Object.keys(unzipSync(readFileSync(out)))).toContain('versions.json');
  });

  it.each([
    [['--out', 'x.zip'], 2, 'needs --data-dir <dir> and --out <file.zip>'],
    [['--data-dir', '/nonexistent/dnsfleet'], 2, 'needs --data-dir <dir> and --out <file.zip>'],
    [['--data-dir', '/nonexistent/dnsfleet', '--out', '/tmp/x.zip'], 1, 'no data dir at /nonexistent/dnsfleet'],
    [['--bogus'], 2, "Unknown option '--bogus'"],
  ])('%j: exit %i, "%s"', async (args, code, message) => {
    const streams = io();
    expect(await run(args, streams)).toBe(code);
    expect(streams.err()).toContain(message);
  });

  it('a missing folder or a folder as --out is a clear error', async () => {
    const streams = io();
    expect(await run(['--data-dir', dir, '--out', join(dir, 'no', 'such', 'b.zip')], streams)).toBe(1);
    expect(streams.err()).toMatch(/the folder for .* does not exist/);
    const again = io();
    expect(await run(['--data-dir', dir, '--out', dir], again)).toBe(1);
    expect(again.err()).toMatch(/is a folder/);
  });
});
