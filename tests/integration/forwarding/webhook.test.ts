import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import type { DeliveryAttempt } from '../../../electron/core/forwarding/AlertForwarder';
import { ForwardingSettingsSchema } from '../../../electron/core/forwarding/forwardingSettings';
import { startForwarding, type Forwarding } from '../../../electron/core/forwarding/startForwarding';
import { signBody } from '../../../electron/core/forwarding/webhookPayload';
import { Emitter } from '../../../electron/core/util/Emitter';
import { createLogger } from '../../../electron/core/util/logger';
import { FakeClock } from '../../unit/alerts/support/FakeClock';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local webhook receiver that can be taken down and brought back on the same port. */
class Receiver {
  received: Received[] = [];
  port = 0;
  private server: Server | undefined;
  async up(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        this.received.push({ path: req.url ?? '', headers: req.headers, body });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  async down(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    await new Promise<void>((resolve) => (s ? (s.close(() => resolve()), s.closeAllConnections()) : resolve()));
  }
}

const logger = createLogger('test', { level: 'error', stderr: false });
const SECRET = 'webhook-signing-secret-123';
const alert = (id: string, status: Alert['status'] = 'active'): Alert => ({
  id,
  serverId: 'dns-a',
  key: 'bind',
  rule: 'bind',
  severity: 'critical',
  title: 'BIND is not running',
  detail: 'named stopped',
  status,
  raisedAt: '2025-08-29T09:00:00.000Z',
  lastSeenAt: '2025-08-29T09:00:00.000Z',
  resolvedAt: status === 'resolved' ? '2025-08-29T09:10:00.000Z' : null,
  ack: null,
  snoozedUntil: null,
  eventId: null,
  count: 1,
});

describe('webhooks', () => {
  let dir: string;
  let rx: Receiver;
  let clock: FakeClock;
  let changes: Emitter<Alert>;
  let credentials: MemoryCredentialStore;
  let forwarding: Forwarding | undefined;
  let attempts: DeliveryAttempt[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-hook-'));
    rx = new Receiver();
    await rx.up();
    clock = new FakeClock();
    changes = new Emitter<Alert>();
    credentials = new MemoryCredentialStore();
    await credentials.set('ops', 'webhook-secret', SECRET);
    attempts = [];
  });
  afterEach(async () => {
    forwarding?.dispose();
    await rx.down();
    rmSync(dir, { recursive: true, force: true });
  });

  function begin(): Forwarding {
    const settings = ForwardingSettingsSchema.parse({
      webhooks: [
        { id: 'ops', url: `http://127.0.0.1:${rx.port}/hook/json`, signed: true },
        { id: 'slack', url: `http://127.0.0.1:${rx.port}/hook/slack`, format: 'slack' },
        { id: 'teams', url: `http://127.0.0.1:${rx.port}/hook/teams`, format: 'teams' },
      ],
    });
    forwarding = startForwarding({
      settings,
      dataDir: dir,
      clock,
      logger,
      alerts: { onDidChange: changes.event, list: () => [] },
      serverLabels: () => ({ name: 'DNS A', group: 'hq', tags: ['prod'] }),
      webhookSecret: (id) => credentials.get(id, 'webhook-secret'),
    })!;
    forwarding.forwarder.onDidAttempt((a) => attempts.push(a));
    return forwarding;
  }
  const until = async (pred: () => boolean, what: string) => {
    const deadline = Date.now() + 15_000;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`${what}; attempts ${JSON.stringify(attempts)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('signs the JSON body with the keychain secret, and speaks Slack and Teams', async () => {
    begin();
    changes.fire(alert('a1'));
    await until(() => rx.received.length === 3, 'three deliveries');
    const json = rx.received.find((r) => r.path === '/hook/json')!;
    expect(json.headers['x-dnsfleet-signature']).toBe(signBody(json.body, SECRET));
    expect(JSON.parse(json.body)).toMatchObject({ id: 'a1:firing', transition: 'firing', alert: { server: 'dns-a', rule: 'bind', severity: 'critical', group: 'hq', tags: ['prod'] } });
    expect(json.body).not.toContain(SECRET);
    const slack = JSON.parse(rx.received.find((r) => r.path === '/hook/slack')!.body) as { text: string; blocks: unknown[] };
    expect(slack.text).toBe('CRITICAL: BIND is not running (DNS A)');
    expect(slack.blocks).toHaveLength(1);
    expect(rx.received.find((r) => r.path === '/hook/slack')!.headers['x-dnsfleet-signature']).toBeUndefined();
    const teams = JSON.parse(rx.received.find((r) => r.path === '/hook/teams')!.body) as Record<string, string>;
    expect(teams).toMatchObject({ '@type': 'MessageCard', title: 'CRITICAL: BIND is not running (DNS A)', text: 'named stopped' });
  });

  it('waits, visibly, while the signing secret is missing, and delivers once it is set', async () => {
    await credentials.delete('ops', 'webhook-secret');
    begin();
    changes.fire(alert('a2'));
    await until(() => attempts.some((a) => a.target === 'webhook:ops' && a.outcome === 'failed'), 'a failed signed delivery');
    expect(rx.received.some((r) => r.path === '/hook/json')).toBe(false);
    const ops = forwarding!.forwarder.deliveries('a2').find((d) => d.target === 'webhook:ops')!;
    expect(ops).toMatchObject({ state: 'pending' });
    expect(ops.lastError).toMatch(/no signing secret for webhook ops/);
    await credentials.set('ops', 'webhook-secret', SECRET);
    clock.advance(5 * 60_000);
    await until(() => rx.received.some((r) => r.path === '/hook/json'), 'the signed delivery');
    const json = rx.received.find((r) => r.path === '/hook/json')!;
    expect(json.headers['x-dnsfleet-signature']).toBe(signBody(json.body, SECRET));
  });

  it('delivers each transition exactly once after the receiver was down for 5 minutes', async () => {
    await rx.down();
    begin();
    changes.fire(alert('a3'));
    changes.fire(alert('a3'));
    changes.fire(alert('a3', 'resolved'));
    await until(() => attempts.filter((a) => a.outcome === 'failed').length >= 3, 'failures while down');
    // Five minutes down: each due retry fails again and is rescheduled.
    for (let i = 0; i < 10; i++) {
      const failures = attempts.length;
      clock.advance(30_000);
      const heads = () => forwarding!.forwarder.deliveries('a3').filter((d) => d.transition === 'firing');
      await until(() => attempts.length > failures || heads().every((d) => d.nextAt > clock.now()), 'retries settled');
    }
    expect(forwarding!.forwarder.deliveries('a3').map((d) => d.state)).toEqual(Array(6).fill('pending'));
    await rx.up();
    clock.advance(5 * 60_000);
    await until(() => attempts.filter((a) => a.outcome === 'delivered').length === 6, 'six deliveries (3 hooks x firing, resolved)');
    // Every entry is marked delivered, so none is ever sent again.
    expect(forwarding!.forwarder.deliveries('a3').map((d) => d.state)).toEqual(Array(6).fill('delivered'));
    const ids = rx.received.filter((r) => r.path === '/hook/json').map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect(ids).toEqual(['a3:firing', 'a3:resolved']);
    expect(rx.received).toHaveLength(6);
  }, 60_000);
});
