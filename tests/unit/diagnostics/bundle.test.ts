import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDiagnosticsBundle, type DiagnosticsSource } from '../../../electron/core/diagnostics/DiagnosticsBundle';
import { SettingsSchema } from '../../../electron/core/settings/settingsSchema';
import { forgetSecret, registerSecret } from '../../../electron/core/util/redact';

const NOW = Date.parse('2026-12-06T23:00:00.000Z');
// Quote, backslash, space, ampersand and a non-ASCII letter: its JSON and URL forms differ from it.
const PASSWORD = 'Canary "pass\\word" & wörd=1';

function source(dir: string, over: Partial<DiagnosticsSource> = {}): DiagnosticsSource {
  const settings = SettingsSchema.parse({
    version: 3,
    servers: [{ id: 'dns-1', name: 'DNS 1', url: 'https://monitor:pw@10.0.0.53/?token=abc', username: 'monitor', passwordEnv: 'DNSFLEET_DNS1' }],
    credentialBindings: { 'dns-1': 'a'.repeat(64) },
    forwarding: { alertmanagerUrl: 'http://am.example:9093', webhooks: [{ id: 'slack', url: 'https://hooks.slack.example/services/T000/B000/XXXXSECRETPATH', format: 'slack' }] },
  });
  return {
    host: 'cli',
    appVersion: '9.9.9',
    now: () => NOW,
    dataDir: dir,
    logsDir: join(dir, 'logs'),
    settings: () => settings,
    servers: async () => settings.servers.map((c) => ({ ...c, hasCredential: true })),
    serverSnapshots: () => ({ note: null, servers: [{ serverId: 'dns-1', status: { state: 'live', detail: `login with ${PASSWORD}` }, token: 'opaque-session-token', tokenExpiresAt: '2026-12-06T23:05:00.000Z' }] }),
    eventLog: () => ({ health: { state: 'ok', detail: 'fine', backlog: 0 }, counts: { events: 12 } }),
    appHealth: async () => ({ keychain: { available: true, detail: 'test' }, notices: [] }),
    ...over,
  };
}

function unzip(path: string): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(readFileSync(path))).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

describe('the diagnostics bundle', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-bundle-'));
    mkdirSync(join(dir, 'logs'));
    registerSecret(PASSWORD);
  });
  afterEach(() => {
    forgetSecret(PASSWORD);
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds every promised part, each parsing, with settings and servers cut down', async () => {
    writeFileSync(join(dir, 'logs', 'main.log'), JSON.stringify({ at: new Date(NOW - 1000).toISOString(), level: 'info', logger: 'main', msg: 'core started' }) + '\n');
    const out = join(dir, 'bundle.zip');
    const written = await writeDiagnosticsBundle(source(dir), out);
    const files = unzip(out);
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'app-health.json', 'event-log.json', 'inspector.json', 'logs/main.log', 'servers.json', 'settings.json', 'versions.json']);
    expect(written.files.sort()).toEqual(Object.keys(files).sort());
    const json = (name: string) => JSON.parse(files[name]!) as Record<string, unknown>;
    expect(json('versions.json')).toMatchObject({ app: '9.9.9', host: 'cli', node: process.versions.node, platform: process.platform, createdAt: '2026-12-06T23:00:00.000Z' });
    const settings = json('settings.json') as { forwarding: { alertmanagerUrl: string; webhooks: { url: string }[] }; credentialBindings?: unknown; boundKeychainEntries: number };
    expect(settings.forwarding.alertmanagerUrl).toBe('http://am.example:9093');
    expect(settings.forwarding.webhooks[0]!.url).toBe('https://hooks.slack.example/… (path hidden)');
    expect(settings.credentialBindings).toBeUndefined();
    expect(settings.boundKeychainEntries).toBe(1);
    const [server] = json('servers.json') as unknown as { url: string; hasCredential: boolean; passwordEnv: string }[];
    expect(server).toMatchObject({ url: 'https://10.0.0.53/', hasCredential: true, passwordEnv: 'DNSFLEET_DNS1' });
    const inspector = json('inspector.json') as { servers: Record<string, unknown>[] };
    expect(inspector.servers[0]).toMatchObject({ serverId: 'dns-1', token: '[REDACTED]', tokenExpiresAt: '2026-12-06T23:05:00.000Z' });
    expect(json('event-log.json')).toMatchObject({ health: { state: 'ok' }, counts: { events: 12 } });
    expect(files['logs/main.log']).toContain('core started');
    expect(files['README.txt']).toContain('logs/main.log: 1 lines');
    const all = Object.values(files).join('\n');
    for (const hidden of ['XXXXSECRETPATH', 'a'.repeat(64), 'monitor:pw', 'token=abc', 'opaque-session-token']) expect(all).not.toContain(hidden);
  });

  it('masks a registered secret also where it appears JSON-escaped or URL-encoded', async () => {
    const escaped = JSON.stringify(PASSWORD).slice(1, -1);
    const lines = [
      { msg: `frame excerpt {"note":"${escaped}"}` },
      { msg: `request to https://dns/api?x=${encodeURIComponent(PASSWORD)}` },
      { msg: `form body user=monitor&pw=${encodeURIComponent(PASSWORD).replace(/%20/g, '+')}` },
    ].map((l) => JSON.stringify({ at: new Date(NOW - 1000).toISOString(), level: 'warn', logger: 'fleet', ...l }) + '\n');
    writeFileSync(join(dir, 'logs', 'dnsfleet.log'), lines.join(''));
    const out = join(dir, 'bundle.zip');
    await writeDiagnosticsBundle(source(dir), out);
    const files = unzip(out);
    expect(files['logs/dnsfleet.log']!.match(/\[REDACTED\]/g)).toHaveLength(3);
    for (const [name, text] of Object.entries(files)) {
      for (const form of [PASSWORD, escaped, JSON.stringify(escaped).slice(1, -1), encodeURIComponent(PASSWORD)]) expect(text.includes(form), `${name} holds ${form}`).toBe(false);
    }
  });

  it('a part that cannot be read says why; the others are still there', async () => {
    const out = join(dir, 'bundle.zip');
    await writeDiagnosticsBundle(source(dir, { eventLog: () => { throw new Error('SQLITE_CORRUPT: database disk image is malformed'); } }), out);
    const files = unzip(out);
    expect(JSON.parse(files['event-log.json']!)).toEqual({ error: 'could not be read: SQLITE_CORRUPT: database disk image is malformed' });
    expect(JSON.parse(files['servers.json']!)).toHaveLength(1);
  });

  it('refuses to replace an existing file unless forced, and then replaces it whole', async () => {
    const out = join(dir, 'bundle.zip');
    writeFileSync(out, 'precious');
    await expect(writeDiagnosticsBundle(source(dir), out)).rejects.toThrow(/already exists/);
    expect(readFileSync(out, 'utf8')).toBe('precious');
    await writeDiagnosticsBundle(source(dir), out, { force: true });
    expect(Object.keys(unzip(out))).toContain('versions.json');
    expect(existsSync(`${out}.partial-${process.pid}`)).toBe(false);
  });
});
