import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import { AlertForwarder, type DeliveryAttempt, type ForwardTarget } from '../../../electron/core/forwarding/AlertForwarder';
import { AlertOutbox } from '../../../electron/core/forwarding/AlertOutbox';
import { alertmanagerAlert, type AlertmanagerAlert } from '../../../electron/core/forwarding/alertmanagerPayload';
import { httpSender } from '../../../electron/core/forwarding/httpSender';
import { createLogger } from '../../../electron/core/util/logger';
import { FakeClock } from '../../unit/alerts/support/FakeClock';

/** A local receiver that takes what Alertmanager's v2 API takes: POST /api/v2/alerts, a JSON array. */
class FakeAlertmanager {
  received: AlertmanagerAlert[] = [];
  /** While set, every POST is answered with this status and nothing is taken (an Alertmanager in trouble). */
  failWith: number | null = null;
  refused = 0;
  private server: Server | undefined;
  port = 0;

  async up(): Promise<void> {
    this.server = createServer((req, res) => {
      let text = '';
      req.on('data', (d: Buffer) => (text += d.toString()));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/api/v2/alerts') return void res.writeHead(404).end();
        if (this.failWith !== null) return void (this.refused++, res.writeHead(this.failWith).end());
        const body = JSON.parse(text) as AlertmanagerAlert[];
        if (!Array.isArray(body) || body.some((a) => typeof a.labels?.alertname !== 'string' || typeof a.startsAt !== 'string'))
          return void res.writeHead(400).end('{"code":400}');
        this.received.push(...body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }
}

const logger = createLogger('test', { level: 'error', stderr: false });

function alert(id: string, status: Alert['status'], resolvedAt: string | null = null): Alert {
  return {
    id,
    serverId: 'dns-a',
    key: `forwarder:${id}`,
    rule: 'forwarder',
    severity: 'critical',
    title: `Forwarder ${id} unhealthy`,
    detail: 'no answer',
    status,
    raisedAt: '2025-08-29T09:00:00.000Z',
    lastSeenAt: '2025-08-29T09:00:00.000Z',
    resolvedAt,
    ack: null,
    snoozedUntil: null,
    eventId: null,
    count: 1,
  };
}

describe('forwarding to Alertmanager through the outbox', () => {
  let dir: string;
  let am: FakeAlertmanager;
  let clock: FakeClock;
  let outbox: AlertOutbox;
  let forwarder: AlertForwarder;
  let attempts: DeliveryAttempt[];
  const waiters: { pred: (a: DeliveryAttempt) => boolean; resolve: () => void }[] = [];

  const target = (): ForwardTarget => ({
    id: 'alertmanager',
    url: `http://127.0.0.1:${am.port}/api/v2/alerts`,
    format: (a, tr, now) => JSON.stringify([alertmanagerAlert(a, { name: 'DNS A', group: 'hq', tags: ['prod', 'edge'] }, tr, now)]),
  });
  function start(): void {
    outbox = AlertOutbox.open(AlertOutbox.fileIn(dir));
    forwarder = new AlertForwarder({ clock, logger, outbox, targets: [target()], send: httpSender, minSeverity: 'warning', random: () => 1 });
    forwarder.onDidAttempt((a) => {
      attempts.push(a);
      for (const w of [...waiters]) {
        if (!w.pred(a)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  }
  const attempt = (pred: (a: DeliveryAttempt) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no such attempt; so far ${JSON.stringify(attempts)}`)), 15_000);
      waiters.push({ pred, resolve: () => (clearTimeout(t), resolve()) });
    });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-outbox-'));
    am = new FakeAlertmanager();
    await am.up();
    clock = new FakeClock();
    attempts = [];
    start();
  });
  afterEach(async () => {
    forwarder.dispose();
    outbox.close();
    await am.down();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends labels, startsAt and, on resolve, endsAt', async () => {
    const delivered = attempt((a) => a.outcome === 'delivered' && a.transition === 'resolved');
    forwarder.observe(alert('1', 'active'));
    forwarder.observe(alert('1', 'resolved', '2025-08-29T09:05:00.000Z'));
    await delivered;
    expect(am.received).toHaveLength(2);
    expect(am.received[0]).toEqual({
      labels: { alertname: 'dnsfleet_forwarder', server: 'dns-a', server_name: 'DNS A', rule: 'forwarder', subject: 'forwarder:1', severity: 'critical', group: 'hq', tags: 'edge,prod' },
      annotations: { summary: 'Forwarder 1 unhealthy', description: 'no answer' },
      startsAt: '2025-08-29T09:00:00.000Z',
    });
    expect(am.received[1]!.endsAt).toBe('2025-08-29T09:05:00.000Z');
    expect(forwarder.deliveries('1').map((d) => [d.transition, d.state])).toEqual([
      ['firing', 'delivered'],
      ['resolved', 'delivered'],
    ]);
  });

  it('loses nothing while the receiver is down for 5 minutes, across a restart, and delivers nothing twice', async () => {
    const first = attempt((a) => a.outcome === 'delivered');
    forwarder.observe(alert('A', 'active'));
    await first;
    await am.down();

    const failed = attempt((a) => a.outcome === 'failed' && a.alertId === 'B');
    forwarder.observe(alert('B', 'active'));
    forwarder.observe(alert('A', 'resolved', '2025-08-29T09:01:00.000Z'));
    forwarder.observe(alert('B', 'active')); // seen again (counted, acked…): not queued twice
    await failed;
    // Five minutes of a dead endpoint, in retry-sized steps: every due retry fails and is rescheduled.
    for (let elapsed = 0; elapsed < 5 * 60_000; elapsed += 30_000) {
      const before = attempts.length;
      clock.advance(30_000);
      if (clock.timerCount === 0 && attempts.length === before) await attempt((a) => a.outcome === 'failed');
    }
    expect(attempts.filter((a) => a.outcome === 'failed').length).toBeGreaterThan(3);
    expect(outbox.pendingCount()).toBe(2);
    expect(forwarder.deliveries('B')[0]).toMatchObject({ state: 'pending', transition: 'firing' });
    expect(forwarder.deliveries('B')[0]!.lastError).toBeTruthy();

    // The monitor restarts while the receiver is still down: the outbox is on disk.
    forwarder.dispose();
    outbox.close();
    start();
    await am.up();
    const allDone = attempt((a) => a.outcome === 'delivered' && a.alertId === 'A' && a.transition === 'resolved');
    clock.advance(5 * 60_000);
    await allDone;

    const seen = am.received.map((r) => `${r.labels.subject}:${r.endsAt ? 'resolved' : 'firing'}`);
    expect(seen).toEqual(['forwarder:A:firing', 'forwarder:B:firing', 'forwarder:A:resolved']);
    expect(outbox.pendingCount()).toBe(0);
    // Nothing more goes out once everything is delivered, however long the clock runs.
    clock.advance(60 * 60_000);
    expect(clock.timerCount).toBe(0);
    expect(am.received).toHaveLength(3);
  }, 60_000);

  it('answering 500 for 5 minutes loses nothing and, once it takes them, gets each transition exactly once', async () => {
    const first = attempt((a) => a.outcome === 'delivered');
    forwarder.observe(alert('A', 'active'));
    await first;
    am.failWith = 500;
    const failed = attempt((a) => a.outcome === 'failed' && a.alertId === 'B');
    forwarder.observe(alert('B', 'active'));
    forwarder.observe(alert('A', 'resolved', '2025-08-29T09:01:00.000Z'));
    forwarder.observe(alert('C', 'active'));
    await failed;
    // Five minutes of 500s, in retry-sized steps: each due retry reaches the receiver and is refused.
    for (let elapsed = 0; elapsed < 5 * 60_000; elapsed += 30_000) {
      const before = attempts.length;
      clock.advance(30_000);
      if (clock.timerCount === 0 && attempts.length === before) await attempt((a) => a.outcome === 'failed');
    }
    expect(am.refused).toBeGreaterThan(3);
    expect(attempts.filter((a) => a.outcome === 'failed').every((a) => a.error === 'HTTP 500')).toBe(true);
    expect(outbox.pendingCount()).toBe(3);
    am.failWith = null;
    const allDone = attempt((a) => a.outcome === 'delivered' && a.alertId === 'C');
    clock.advance(5 * 60_000);
    await allDone;
    const seen = am.received.map((r) => `${r.labels.subject}:${r.endsAt ? 'resolved' : 'firing'}`);
    expect(seen).toEqual(['forwarder:A:firing', 'forwarder:B:firing', 'forwarder:A:resolved', 'forwarder:C:firing']);
    clock.advance(60 * 60_000);
    expect(clock.timerCount).toBe(0);
    expect(am.received).toHaveLength(4);
  }, 60_000);

  it('sends an alert once when two processes share the data dir (desktop app and CLI monitor)', async () => {
    // Both processes' sends pass a gate, so the second starts while the first is still sending.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sends: string[] = [];
    const gated = async (url: string, body: string) => {
      sends.push(body);
      await gate;
      return httpSender(url, body);
    };
    forwarder.dispose();
    forwarder = new AlertForwarder({ clock, logger, outbox, targets: [target()], send: gated, minSeverity: 'warning' });
    forwarder.observe(alert('shared', 'active'));
    const otherOutbox = AlertOutbox.open(AlertOutbox.fileIn(dir));
    const other = new AlertForwarder({ clock, logger, outbox: otherOutbox, targets: [target()], send: gated, minSeverity: 'warning' });
    try {
      other.observe(alert('shared', 'active'));
      // No I/O happens before a send: one turn of the event loop lets both forwarders reach it if they would.
      await new Promise((r) => setImmediate(r));
      expect(sends).toHaveLength(1);
      const delivered = new Promise<void>((resolve) => forwarder.onDidAttempt((a) => a.outcome === 'delivered' && resolve()));
      release();
      await delivered;
      clock.advance(60_000); // the other's lease wait runs out: it finds the entry delivered
      await new Promise((r) => setImmediate(r));
      expect(sends).toHaveLength(1);
      expect(outbox.forAlert('shared')).toMatchObject([{ state: 'delivered', attempts: 1 }]);
    } finally {
      other.dispose();
      otherOutbox.close();
    }
  });

  it('marks a body the receiver refuses as rejected and moves on', async () => {
    const rejected = attempt((a) => a.outcome === 'rejected');
    const next = attempt((a) => a.outcome === 'delivered' && a.alertId === 'ok');
    outbox.enqueue('alertmanager', 'bad', 'firing', '[{"labels":{}}]', clock.now());
    forwarder.observe(alert('ok', 'active'));
    await rejected;
    await next;
    expect(forwarder.deliveries('bad')[0]).toMatchObject({ state: 'rejected', lastError: 'HTTP 400' });
    expect(am.received.map((r) => r.labels.subject)).toEqual(['forwarder:ok']);
  });
});
