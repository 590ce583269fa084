/**
 * Issue 18 item 4: the diagnostics bundle carries no secret. A real session against the emulator
 * (login, tokens in memory and through the debug log), a signed webhook that really sent an alert,
 * then the bundle from the running core (app:writeDiagnostics) and from `dnsfleet diagnose` (a
 * separate process) are unzipped and every file is scanned for each secret, raw, JSON-escaped and
 * URL-encoded. The same bundles are checked for what they promise to hold.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushMessage } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { createLogger } from '../../../electron/core/util/logger';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { asServerId } from '../../../shared/domain/ids';
import { runCliToEnd } from '../cli/runCli';

// Quote, backslash, space, ampersand, equals and a non-ASCII letter: every encoded form differs from it.
const PASSWORD = 'Bundle "Canary\\Pa55" wörd&x=1';
const WEBHOOK_SECRET = 'webhook "signing" secret/äö+1';

/** Each way a secret could be written down: as is, inside JSON (once or twice), in a URL or form. */
function forms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const url = encodeURIComponent(secret);
  return [...new Set([secret, json, JSON.stringify(json).slice(1, -1), url, url.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()), url.replace(/%20/g, '+')])];
}

function unzip(path: string): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(readFileSync(path))).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

function expectNoSecret(files: Record<string, string>, secrets: string[]): void {
  for (const [name, text] of Object.entries(files)) {
    for (const secret of secrets) for (const form of forms(secret)) expect(text.includes(form), `${form.slice(0, 14)}… found in ${name}`).toBe(false);
  }
}

/** Every promised part is there and parses. */
function expectContents(files: Record<string, string>, host: string): void {
  for (const name of ['README.txt', 'versions.json', 'settings.json', 'servers.json', 'inspector.json', 'event-log.json', 'app-health.json']) expect(Object.keys(files)).toContain(name);
  for (const name of Object.keys(files).filter((n) => n.endsWith('.json'))) expect(() => JSON.parse(files[name]!), name).not.toThrow();
  expect(JSON.parse(files['versions.json']!)).toMatchObject({ host, node: process.versions.node, platform: process.platform, app: '0.1.0' });
  expect(JSON.parse(files['servers.json']!)).toEqual([expect.objectContaining({ id: 'canary', username: 'monitor', hasCredential: expect.any(Boolean) })]);
  const eventLog = JSON.parse(files['event-log.json']!) as { schema: { version: number; latest: number }; counts: { stored: number } };
  expect(eventLog.schema.version).toBe(eventLog.schema.latest);
  expect(eventLog.counts.stored).toBeGreaterThan(0);
  expect(JSON.parse(files['settings.json']!)).toMatchObject({ forwarding: { webhooks: [{ id: 'ops', signed: true }] } });
  const logs = Object.keys(files).filter((n) => n.startsWith('logs/'));
  expect(logs.length).toBeGreaterThan(0);
  for (const log of logs) for (const line of files[log]!.trim().split('\n')) expect(() => JSON.parse(line), log).not.toThrow();
}

async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function webhookReceiver(): Promise<{ server: Server; port: number; received: IncomingHttpHeaders[] }> {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => (received.push(req.headers), res.writeHead(200).end('ok')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, received };
}

describe('the diagnostics bundle holds no secret', () => {
  let emulator: EmulatedServer | undefined;
  let hook: Awaited<ReturnType<typeof webhookReceiver>> | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await emulator?.close();
    await new Promise<void>((r) => (hook ? (hook.server.close(() => r()), hook.server.closeAllConnections()) : r()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('after a live session and a signed webhook delivery, neither the app nor dnsfleet diagnose writes one', async () => {
    emulator = await startEmulator({ users: [{ username: 'monitor', password: PASSWORD, isAdmin: true }], healthIntervalMs: 200 });
    hook = await webhookReceiver();
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-diag-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 3, forwarding: { minSeverity: 'warning', webhooks: [{ id: 'ops', url: `http://127.0.0.1:${hook.port}/hook`, format: 'json', signed: true }] } }));
    const paths = defaultPaths(dir);
    const credentials = new MemoryCredentialStore({ available: true, persistent: true, detail: 'test keychain' });
    await credentials.set('ops', 'webhook-secret', WEBHOOK_SECRET);
    const core = await createCore({ host: 'cli', paths, logger: createLogger('diag', { level: 'debug', file: join(paths.logsDir, 'app.log') }), notifier: { notify: () => {} }, credentials });
    const pushes: PushMessage[] = [];
    core.onPush((m) => pushes.push(m));
    core.start();
    try {
      const config = { id: asServerId('canary'), name: 'Canary', url: emulator.url, username: 'monitor', stack: 'auto' as const, legacyTypes: 'admin' as const, pollSeconds: 15, tags: [], enabled: true };
      expect(await core.handlers['servers:save']({ config, password: PASSWORD, isNew: true })).toEqual({ ok: true });
      await until(() => pushes.some((m) => m.channel === 'fleet:onDidChangeServer' && (m.payload as { state: string }).state === 'live'), 20_000, 'live');
      emulator.control.setForwarderStatus(1, 'unhealthy', { pushNow: true });
      await until(() => hook!.received.some((h) => typeof h['x-dnsfleet-signature'] === 'string'), 20_000, 'a signed webhook delivery');
      await until(() => pushes.some((m) => m.channel === 'events:onDidAppend'), 10_000, 'a stored event');
      // A garbage frame carrying the password and the tokens (the JWTs: the login's session_token is
      // never used, so never known to the app): its excerpt lands in the inspector's snapshot, masked.
      const jwts = emulator.control.issuedSecrets().filter((t) => t.startsWith('eyJ'));
      expect(jwts.length).toBeGreaterThanOrEqual(2);
      emulator.control.sendRawLegacy(`not json ${PASSWORD} ${jwts.join(' ')}`);
      for (let i = 0; (await core.handlers['inspector:getSnapshot']({ serverId: 'canary' })).rejected.length === 0; i++) {
        if (i > 200) throw new Error('timed out waiting for the rejected frame');
        await new Promise((r) => setTimeout(r, 50));
      }

      const made = await core.handlers['app:writeDiagnostics']({});
      expect(made.fileName).toMatch(/^diagnostics-.*\.zip$/);
      expect(made.savedTo).toBeNull();
      const files = unzip(made.path);
      const secrets = [PASSWORD, WEBHOOK_SECRET, ...emulator.control.issuedSecrets()];
      expect(secrets.length).toBeGreaterThanOrEqual(4); // password, webhook secret, access and refresh tokens
      expectNoSecret(files, secrets);
      expectContents(files, 'cli');
      const inspector = JSON.parse(files['inspector.json']!) as { servers: { serverId: string; status: { state: string; stack: string } }[] };
      expect(inspector.servers).toEqual([expect.objectContaining({ serverId: 'canary', status: expect.objectContaining({ state: 'live', stack: expect.any(String) }) })]);
      // The connection inspector's snapshot of the same session (sockets, subscriptions, the rejected frame).
      expect(inspector.servers[0]).toMatchObject({ inspector: { serverId: 'canary', state: 'live', sockets: [expect.objectContaining({ state: 'open' })], rejected: [expect.objectContaining({ excerpt: expect.stringContaining('[REDACTED]') })] } });
      expect(files['logs/app.log']).toMatch(/core started/);

      // A separate `dnsfleet diagnose` process on the same data dir (no keychain entries of its own here).
      const out = join(dir, 'from-cli.zip');
      const cli = await runCliToEnd(['diagnose', '--data-dir', dir, '--out', out]);
      expect(cli.code, cli.stderr).toBe(0);
      expect(cli.stdout.trim()).toBe(out);
      const fromCli = unzip(out);
      expectNoSecret(fromCli, secrets);
      expectContents(fromCli, 'cli');
      expect(JSON.parse(fromCli['inspector.json']!)).toMatchObject({ note: expect.stringMatching(/connects to no server/) });
    } finally {
      await core.dispose();
    }
  }, 120_000);
});
