import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signBody } from '../../../electron/core/forwarding/webhookPayload';
import { inKeychainSession, keyringHome } from './keychainSession';

// A signed webhook end to end with a real Secret Service: `dnsfleet forwarding set-secret` puts the
// secret in the keychain (from stdin), `dnsfleet forwarding test` signs with it, and the secret is in
// no file of the data dir.
describe('webhook signing secret in the OS keychain', () => {
  let dir: string;
  let home: ReturnType<typeof keyringHome>;
  let server: Server;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-hooksecret-'));
    home = keyringHome();
    received.length = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => (received.push({ headers: req.headers, body }), res.writeHead(204).end()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections()));
    home.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs each body with the secret set from stdin, and keeps the secret out of the data dir', async () => {
    const secret = 'k3ychain-only-s3cret';
    const data = join(dir, 'data');
    mkdirSync(data);
    const port = (server.address() as AddressInfo).port;
    const forwarding = { webhooks: [{ id: 'ops', url: `http://127.0.0.1:${port}/hook`, signed: true }] };
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ version: 3, servers: [], forwarding }));
    const cli = `${process.execPath} --import tsx electron/hosts/cli.ts forwarding`;
    const run = await inKeychainSession(home.dir, 'test-pass', [
      `printf %s '${secret}' | ${cli} set-secret --data-dir ${data} --id ops --secret-stdin`,
      `${cli} test --data-dir ${data}`,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/delivered\s+webhook:ops firing/);
    expect(received).toHaveLength(2);
    for (const r of received) expect(r.headers['x-dnsfleet-signature']).toBe(signBody(r.body, secret));
    for (const file of ['settings.json', 'alert-outbox.db']) expect(readFileSync(join(data, file)).includes(secret)).toBe(false);
  }, 90_000);

  it('takes a webhook URL that is a secret from stdin (--url) and delivers to it, with the URL in no file', async () => {
    const token = 'T0KEY/B0KEY/keychain-url-token';
    const data = join(dir, 'data');
    mkdirSync(data);
    const port = (server.address() as AddressInfo).port;
    const forwarding = { webhooks: [{ id: 'slack', url: null, format: 'slack' }] };
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ version: 3, servers: [], forwarding }));
    const cli = `${process.execPath} --import tsx electron/hosts/cli.ts forwarding`;
    const run = await inKeychainSession(home.dir, 'test-pass', [
      `printf %s 'http://127.0.0.1:${port}/services/${token}' | ${cli} set-secret --data-dir ${data} --id slack --url --secret-stdin`,
      `${cli} test --data-dir ${data}`,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('URL for webhook slack stored in the keychain');
    expect(run.stdout).toMatch(/delivered\s+webhook:slack resolved/);
    expect(received).toHaveLength(2);
    for (const file of ['settings.json', 'alert-outbox.db']) expect(readFileSync(join(data, file)).includes(token)).toBe(false);
  }, 90_000);
});
