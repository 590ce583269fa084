import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import { ForwardingSettingsSchema, alertmanagerEndpoint } from '../../../electron/core/forwarding/forwardingSettings';
import { startForwarding, type Forwarding } from '../../../electron/core/forwarding/startForwarding';
import { SettingsSchema } from '../../../electron/core/settings/settingsSchema';
import { Emitter } from '../../../electron/core/util/Emitter';
import { createLogger } from '../../../electron/core/util/logger';
import { FakeClock } from '../alerts/support/FakeClock';

const logger = createLogger('test', { level: 'error', stderr: false });
const alert = (id: string, status: Alert['status'] = 'active', severity: Alert['severity'] = 'error'): Alert => ({
  id,
  serverId: 'dns-a',
  key: `k-${id}`,
  rule: 'bind',
  severity,
  title: 'BIND down',
  detail: '',
  status,
  raisedAt: '2025-08-29T09:00:00.000Z',
  lastSeenAt: '2025-08-29T09:00:00.000Z',
  resolvedAt: status === 'resolved' ? '2025-08-29T09:02:00.000Z' : null,
  ack: null,
  snoozedUntil: null,
  eventId: null,
  count: 1,
});

describe('forwarding settings', () => {
  it('parse an old settings file unchanged, forwarding off', () => {
    const s = SettingsSchema.parse({ version: 3, servers: [] });
    expect(s.forwarding).toEqual({ minSeverity: 'warning', alertmanagerUrl: null, webhooks: [] });
  });

  it('refuse a URL that carries a password, and find the v2 endpoint under any base', () => {
    expect(ForwardingSettingsSchema.safeParse({ alertmanagerUrl: 'http://admin:secret@am:9093' }).success).toBe(false);
    expect(ForwardingSettingsSchema.safeParse({ alertmanagerUrl: 'file:///etc/passwd' }).success).toBe(false);
    expect(alertmanagerEndpoint('http://am:9093')).toBe('http://am:9093/api/v2/alerts');
    expect(alertmanagerEndpoint('https://am.example/prefix/')).toBe('https://am.example/prefix/api/v2/alerts');
  });
});

describe('startForwarding', () => {
  let dir: string;
  let clock: FakeClock;
  let changes: Emitter<Alert>;
  let open: Alert[];
  let posts: string[];
  let forwarding: Forwarding | undefined;
  let respond: () => Promise<number>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-fwd-'));
    clock = new FakeClock();
    changes = new Emitter<Alert>();
    open = [];
    posts = [];
    respond = () => Promise.resolve(200);
  });
  afterEach(() => {
    forwarding?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const begin = (alertmanagerUrl: string | null) =>
    (forwarding = startForwarding({
      settings: { minSeverity: 'warning', alertmanagerUrl, webhooks: [] },
      dataDir: dir,
      clock,
      logger,
      alerts: { onDidChange: changes.event, list: () => open },
      serverLabels: () => ({ name: 'DNS A', tags: [] }),
      webhookSecret: () => Promise.resolve(null),
      send: (_url, body) => (posts.push(body), respond()),
    }));
  const delivered = (id: string) =>
    new Promise<void>((resolve) => forwarding!.forwarder.onDidAttempt((a) => a.alertId === id && a.outcome === 'delivered' && resolve()));

  it('does nothing, and creates no file, when no target is configured', () => {
    expect(begin(null)).toBeUndefined();
  });

  it('forwards alert changes at or above the minimum severity, and re-asserts open alerts every minute', async () => {
    begin('http://127.0.0.1:9/');
    const sent = delivered('a');
    changes.fire(alert('quiet', 'active', 'info'));
    changes.fire(alert('a'));
    open = [alert('a')];
    await sent;
    expect(posts).toHaveLength(1);
    clock.advance(60_000);
    await new Promise((r) => setImmediate(r));
    expect(posts).toHaveLength(2);
    expect(JSON.parse(posts[1]!)).toEqual([expect.objectContaining({ labels: expect.objectContaining({ subject: 'k-a' }) })]);
  });

  it('never re-asserts while a resolve is still waiting to be delivered', async () => {
    begin('http://127.0.0.1:9/');
    const sent = delivered('a');
    changes.fire(alert('a'));
    await sent;
    respond = () => Promise.reject(new Error('down'));
    const failed = new Promise<void>((resolve) => forwarding!.forwarder.onDidAttempt((a) => a.outcome === 'failed' && resolve()));
    changes.fire(alert('a', 'resolved'));
    await failed;
    // The resolve waits for its retry; a refresh from a list that still holds the alert must not go out.
    const before = posts.length;
    await forwarding!.forwarder.refresh([alert('a')]);
    expect(posts.slice(before)).toEqual([]);
    respond = () => Promise.resolve(200);
    const resolved = delivered('a');
    clock.advance(5 * 60_000);
    await resolved;
    expect((JSON.parse(posts.at(-1)!) as { endsAt?: string }[])[0]!.endsAt).toBe('2025-08-29T09:02:00.000Z');
  });
});
