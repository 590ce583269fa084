/**
 * ForwardingService as the hosts use it: the config changed from the Settings page restarts delivery
 * over the same outbox, each attempt is told (onDidChangeDelivery), secrets go to the keychain and
 * never come back, and "Send test alert" goes through the real outbox to a real local receiver.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import type { AlertDelivery } from '../../../shared/domain/delivery';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { forwardingHandlers } from '../../../electron/core/api/forwardingHandlers';
import { ForwardingService } from '../../../electron/core/forwarding/ForwardingService';
import { signBody } from '../../../electron/core/forwarding/webhookPayload';
import { ConfSettingsStore } from '../../../electron/core/settings/ConfSettingsStore';
import { Emitter } from '../../../electron/core/util/Emitter';
import { createLogger } from '../../../electron/core/util/logger';
import { FakeClock } from '../../unit/alerts/support/FakeClock';

const logger = createLogger('test', { level: 'error', stderr: false });

interface Hit {
  path: string;
  body: string;
  signature: string | undefined;
}

/** A receiver whose answer the test decides per request (default 200). */
class Receiver {
  hits: Hit[] = [];
  answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => void res.writeHead(200).end();
  private server: Server | undefined;
  port = 0;
  async up(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        this.hits.push({ path: req.url ?? '', body, signature: req.headers['x-dnsfleet-signature'] as string | undefined });
        this.answer(req, res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  async down(): Promise<void> {
    const s = this.server;
    await new Promise<void>((resolve) => (s ? (s.close(() => resolve()), s.closeAllConnections()) : resolve()));
  }
}

const alert = (id: string, status: Alert['status'] = 'active'): Alert => ({
  id,
  serverId: 'dns-a',
  key: 'bind',
  rule: 'bind',
  severity: 'critical',
  title: 'BIND is not running',
  detail: '',
  status,
  raisedAt: '2025-08-29T09:00:00.000Z',
  lastSeenAt: '2025-08-29T09:00:00.000Z',
  resolvedAt: status === 'resolved' ? '2025-08-29T09:10:00.000Z' : null,
  ack: null,
  snoozedUntil: null,
  eventId: null,
  count: 1,
});

describe('ForwardingService', () => {
  let dir: string;
  let rx: Receiver;
  let clock: FakeClock;
  let changes: Emitter<Alert>;
  let credentials: MemoryCredentialStore;
  let settings: ConfSettingsStore;
  let service: ForwardingService;
  let told: AlertDelivery[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-fwdsvc-'));
    rx = new Receiver();
    await rx.up();
    clock = new FakeClock();
    changes = new Emitter<Alert>();
    credentials = new MemoryCredentialStore({ available: true, persistent: true, detail: 'test' });
    settings = ConfSettingsStore.open({ dataDir: dir, logger });
    told = [];
    service = new ForwardingService({ settings, dataDir: dir, clock, logger, alerts: { onDidChange: changes.event, list: () => [] }, serverLabels: () => undefined, credentials });
    service.onDidChangeDelivery((d) => told.push(d));
  });
  afterEach(async () => {
    service.dispose();
    await rx.down();
    rmSync(dir, { recursive: true, force: true });
  });

  const until = async (pred: () => boolean, what: string) => {
    const deadline = Date.now() + 15_000;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`${what}; told ${JSON.stringify(told)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const hook = (id: string, signed = false) => ({ id, url: `http://127.0.0.1:${rx.port}/${id}`, format: 'json' as const, signed });

  it('starts delivering when a target is configured, and tells each delivery', async () => {
    expect(service.targets).toEqual([]);
    service.setConfig({ minSeverity: 'warning', alertmanagerUrl: null, webhooks: [hook('ops')] });
    expect(service.targets).toEqual(['webhook:ops']);
    changes.fire(alert('a1'));
    await until(() => told.some((d) => d.state === 'delivered'), 'a delivered delivery');
    expect(told[0]).toMatchObject({ alertId: 'a1', target: 'webhook:ops', transition: 'firing', state: 'delivered', attempts: 1, lastError: null });
    expect(told[0]!.deliveredAt).toBe(new Date(clock.now()).toISOString());
    expect(service.deliveries(['a1', 'unknown'])).toEqual(told);
    expect((await service.view()).targets).toEqual(['webhook:ops']);
    // Removing every target stops delivery; what was delivered stays visible.
    service.setConfig({ minSeverity: 'warning', alertmanagerUrl: null, webhooks: [] });
    expect(service.targets).toEqual([]);
    expect(service.deliveries(['a1'])).toHaveLength(1);
  });

  it('keeps a signing secret in the keychain and only ever says that it is set', async () => {
    service.setConfig({ minSeverity: 'warning', alertmanagerUrl: null, webhooks: [hook('signed', true)] });
    expect((await service.view()).secretsSet).toEqual([]);
    await service.setSecret('signed', 'very-secret-hmac-key');
    const view = await service.view();
    expect(view.secretsSet).toEqual(['signed']);
    expect(JSON.stringify(view)).not.toContain('very-secret-hmac-key');
    changes.fire(alert('a2'));
    await until(() => rx.hits.length === 1, 'one signed delivery');
    expect(rx.hits[0]!.signature).toBe(signBody(rx.hits[0]!.body, 'very-secret-hmac-key'));
    await service.setSecret('signed', null);
    expect((await service.view()).secretsSet).toEqual([]);
  });

  it('sends a test alert through the outbox: delivered, or failed with the answer and kept for a retry', async () => {
    service.setConfig({ minSeverity: 'error', alertmanagerUrl: `http://127.0.0.1:${rx.port}/`, webhooks: [hook('ops')] });
    const results = await service.sendTest();
    expect(results.map((r) => [r.target, r.transition, r.outcome])).toEqual([
      ['alertmanager', 'firing', 'delivered'],
      ['alertmanager', 'resolved', 'delivered'],
      ['webhook:ops', 'firing', 'delivered'],
      ['webhook:ops', 'resolved', 'delivered'],
    ]);
    const am = rx.hits.filter((h) => h.path === '/api/v2/alerts').map((h) => JSON.parse(h.body) as { labels: Record<string, string> }[]);
    expect(am[0]![0]!.labels).toMatchObject({ alertname: 'dnsfleet_test', severity: 'error' });

    rx.answer = (_req, res) => void res.writeHead(503).end();
    rx.hits = [];
    const failed = await service.sendTest();
    expect(failed.find((r) => r.target === 'webhook:ops' && r.transition === 'firing')).toMatchObject({ outcome: 'failed', error: 'HTTP 503' });
    expect(failed.find((r) => r.target === 'webhook:ops' && r.transition === 'resolved')).toMatchObject({ outcome: 'waiting' });
    const testId = (JSON.parse(rx.hits.find((h) => h.path === '/ops')!.body) as { alert: { id: string } }).alert.id;
    const pending = service.deliveries([testId]).find((d) => d.target === 'webhook:ops' && d.transition === 'firing')!;
    expect(pending).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 503' });
    expect(Date.parse(pending.nextAttemptAt!)).toBeGreaterThan(clock.now());
    // The receiver recovers: the outbox delivers the test alert on its retry, once.
    rx.answer = (_req, res) => void res.writeHead(200).end();
    clock.advance(5 * 60_000);
    await until(() => service.deliveries([testId]).every((d) => d.state === 'delivered'), 'the retried test alert');
    expect(rx.hits.filter((h) => h.path === '/ops').map((h) => (JSON.parse(h.body) as { id: string }).id)).toEqual([`${testId}:firing`, `${testId}:firing`, `${testId}:resolved`]);
  });

  it('delivers nothing twice when the settings change while a delivery is in flight', async () => {
    // The receiver takes the body but answers only after the config has changed (a new forwarder runs).
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    rx.answer = (_req, res) => void held.then(() => res.writeHead(200).end());
    service.setConfig({ minSeverity: 'warning', alertmanagerUrl: null, webhooks: [hook('ops')] });
    changes.fire(alert('a3'));
    await until(() => rx.hits.length === 1, 'the first send');
    service.setConfig({ minSeverity: 'info', alertmanagerUrl: null, webhooks: [hook('ops')] });
    release();
    await until(() => service.deliveries(['a3'])[0]?.state === 'delivered', 'the in-flight delivery recorded');
    rx.answer = (_req, res) => void res.writeHead(200).end();
    clock.advance(10 * 60_000); // well past the send's lease: a copy left pending would go out now
    // Deliveries to one target keep their order, so once a later alert is through, any copy would be too.
    changes.fire(alert('a4'));
    await until(() => service.deliveries(['a4'])[0]?.state === 'delivered', 'a later alert delivered');
    expect(rx.hits.map((h) => (JSON.parse(h.body) as { id: string }).id)).toEqual(['a3:firing', 'a4:firing']);
  });

  it('answers a config the settings refuse, or a test with no target, as request errors that say why', async () => {
    const h = forwardingHandlers(service);
    await expect(h['forwarding:sendTest']({})).rejects.toMatchObject({ code: 'conflict', message: /no target configured/ });
    const twice = { minSeverity: 'warning' as const, alertmanagerUrl: null, webhooks: [hook('ops'), hook('ops')] };
    await expect(h['forwarding:set']({ config: twice })).rejects.toMatchObject({ code: 'invalid-request', message: /webhook ids must be unique/ });
    expect(settings.get().forwarding.webhooks).toEqual([]);
    const withPassword = { minSeverity: 'warning' as const, alertmanagerUrl: 'http://admin:pw@127.0.0.1:9093/', webhooks: [] };
    await expect(h['forwarding:set']({ config: withPassword })).rejects.toMatchObject({ code: 'invalid-request', message: /no user name or password/ });
    expect(service.targets).toEqual([]);
  });

  it('keeps a webhook URL that is a secret in the keychain: settings hold null, deliveries wait until it is set', async () => {
    const token = 'T000/B000/Url-Token-8d1f';
    service.setConfig({ minSeverity: 'warning', alertmanagerUrl: null, webhooks: [{ id: 'slack', url: null, format: 'slack', signed: false }] });
    changes.fire(alert('a5'));
    await until(() => told.some((d) => d.alertId === 'a5'), 'a failed attempt');
    expect(service.deliveries(['a5'])[0]).toMatchObject({ state: 'pending', lastError: 'no URL for webhook slack in the keychain' });
    await expect(service.setSecret('slack', 'ftp://hooks.example/x', 'url')).rejects.toThrow();
    await service.setSecret('slack', `http://127.0.0.1:${rx.port}/services/${token}`, 'url');
    const view = await service.view();
    expect(view.urlsSet).toEqual(['slack']);
    expect(view.config.webhooks[0]!.url).toBeNull();
    expect(JSON.stringify(view)).not.toContain(token);
    expect(JSON.stringify(settings.get())).not.toContain(token);
    clock.advance(5 * 60_000);
    await until(() => service.deliveries(['a5'])[0]?.state === 'delivered', 'delivered to the keychain URL');
    expect(rx.hits.map((h) => h.path)).toEqual([`/services/${token}`]);
  });
});
