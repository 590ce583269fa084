/**
 * A webhook's signing secret, and a webhook URL that is a secret, set from the Settings page go to the
 * keychain and nowhere else: not
 * settings.json, the outbox, the logs, any answer or push the renderer gets, nor the body sent. It is
 * only ever used to sign, and the receiver can check that signature.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushMessage } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { createLogger } from '../../../electron/core/util/logger';

const SECRET = 'Webhook-Canary-Secret-91c2';
/** A Slack-style incoming-webhook URL: the token is in its path, so the whole URL is a secret. */
const URL_TOKEN = 'T0CANARY/B0CANARY/Url-Canary-Token-55aa';

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* filesUnder(p);
    else yield p;
  }
}

describe('a webhook signing secret', () => {
  let dir: string | undefined;
  let receiver: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (receiver ? (receiver.close(() => resolve()), receiver.closeAllConnections()) : resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs what is sent and is found nowhere the app writes or answers', async () => {
    const bodies: { body: string; signature: string; path: string }[] = [];
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => (bodies.push({ body, signature: String(req.headers['x-dnsfleet-signature']), path: req.url ?? '' }), res.writeHead(200).end()));
    });
    await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-hookleak-'));
    const paths = defaultPaths(dir);
    const logger = createLogger('leak', { level: 'debug', file: join(paths.logsDir, 'app.log') });
    const core = await createCore({ host: 'cli', paths, logger, notifier: { notify: () => {} }, credentials: new MemoryCredentialStore({ available: true, persistent: true, detail: 'test keychain' }) });
    const pushes: PushMessage[] = [];
    core.onPush((m) => pushes.push(m));
    core.start();
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const answers: unknown[] = [];
    const webhooks = [
      { id: 'ops', url, format: 'json' as const, signed: true },
      { id: 'slack', url: null, format: 'slack' as const, signed: false },
    ];
    answers.push(await core.handlers['forwarding:set']({ config: { minSeverity: 'warning', alertmanagerUrl: null, webhooks } }));
    answers.push(await core.handlers['forwarding:setSecret']({ webhookId: 'ops', kind: 'signing', secret: SECRET }));
    const slackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/services/${URL_TOKEN}`;
    answers.push(await core.handlers['forwarding:setSecret']({ webhookId: 'slack', kind: 'url', secret: slackUrl }));
    const test = await core.handlers['forwarding:sendTest']({});
    answers.push(test, await core.handlers['forwarding:get']({}));
    expect(test.results.map((r) => r.outcome)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    const testAlertId = (JSON.parse(bodies.find((b) => b.path === '/hook')!.body) as { alert: { id: string } }).alert.id;
    answers.push(await core.handlers['forwarding:deliveries']({ alertIds: [testAlertId] }));
    await core.dispose();

    expect(bodies.filter((b) => b.path === `/services/${URL_TOKEN}`)).toHaveLength(2);
    for (const b of bodies.filter((x) => x.path === '/hook')) {
      expect(b.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(b.body).digest('hex')}`);
      expect(b.body).not.toContain(SECRET);
    }
    const scanned: string[] = [];
    for (const file of filesUnder(dir)) {
      scanned.push(file);
      const bytes = readFileSync(file).toString('latin1');
      for (const s of [SECRET, URL_TOKEN]) expect(bytes.includes(s), `${s} found in ${file}`).toBe(false);
    }
    expect(scanned.some((f) => f.endsWith('alert-outbox.db'))).toBe(true);
    expect(scanned.some((f) => f.endsWith('settings.json'))).toBe(true);
    expect(scanned.some((f) => f.endsWith('app.log'))).toBe(true);
    for (const s of [SECRET, URL_TOKEN]) expect(JSON.stringify([answers, pushes])).not.toContain(s);
    expect(pushes.filter((m) => m.channel === 'forwarding:onDidChangeDelivery')).toHaveLength(4);
  }, 60_000);
});
