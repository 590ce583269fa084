import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliToEnd } from './runCli';

// `dnsfleet forwarding test` and `status`, the real CLI against a local receiver that answers like
// Alertmanager's v2 endpoint (and takes a webhook on another path).
describe('dnsfleet forwarding', () => {
  let dir: string;
  let server: Server;
  let port: number;
  const received: { path: string; body: unknown }[] = [];
  const noKeychain = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-fwdcli-'));
    received.length = 0;
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (d: Buffer) => (text += d.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: JSON.parse(text) as unknown });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a test alert, firing then resolved, to Alertmanager and a webhook, and shows the deliveries', async () => {
    mkdirSync(join(dir, 'data'));
    const forwarding = { alertmanagerUrl: `http://127.0.0.1:${port}/`, webhooks: [{ id: 'ops', url: `http://127.0.0.1:${port}/hook`, format: 'slack' }] };
    writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify({ version: 3, servers: [], forwarding }));
    const run = await runCliToEnd(['forwarding', 'test', '--data-dir', join(dir, 'data')], undefined, noKeychain);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/delivered\s+alertmanager firing/);
    expect(run.stdout).toMatch(/delivered\s+webhook:ops resolved/);
    const am = received.filter((r) => r.path === '/api/v2/alerts').map((r) => (r.body as { labels: { alertname: string }; endsAt?: string }[])[0]!);
    expect(am.map((a) => [a.labels.alertname, a.endsAt === undefined ? 'firing' : 'resolved'])).toEqual([
      ['dnsfleet_test', 'firing'],
      ['dnsfleet_test', 'resolved'],
    ]);
    expect(received.filter((r) => r.path === '/hook')).toHaveLength(2);

    const status = await runCliToEnd(['forwarding', 'status', '--data-dir', join(dir, 'data'), '--json'], undefined, noKeychain);
    expect(status.code).toBe(0);
    const rows = status.stdout.trim().split('\n').map((l) => JSON.parse(l) as { target: string; state: string; transition: string });
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.state === 'delivered')).toBe(true);
  }, 60_000);

  it('says so when nothing is configured, and refuses a secret on the command line', async () => {
    const none = await runCliToEnd(['forwarding', 'test', '--data-dir', join(dir, 'data')], undefined, noKeychain);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no target configured/);
    const arg = await runCliToEnd(['forwarding', 'set-secret', '--data-dir', join(dir, 'data'), '--id', 'ops', '--secret', 'x'], undefined, noKeychain);
    expect(arg.code).not.toBe(0);
  }, 60_000);
});
