/**
 * Alert forwarding through the page, on the real app (browser host + core + demo fleet) and a real
 * local receiver that speaks Alertmanager's v2 endpoint and a signed webhook: configured in Settings,
 * the secret set write-only, "Send test alert" through the real outbox, and the delivery state of a
 * real alert in the inbox while the receiver fails (503) and after it recovers.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { ensureRendererBuilt } from './support/buildRenderer';
import { startFakeApp } from './support/fakeApp';
import { emulatorControl, startApp, type RunningApp } from './support/startApp';

interface Hit {
  path: string;
  body: string;
  signature: string | undefined;
  /** What the receiver answered. */
  status: number;
}

let app: RunningApp | undefined;
let receiver: Server | undefined;
let status = 200;
const hits: Hit[] = [];
const SECRET = 'e2e-signing-secret-4711';

test.beforeAll(async () => {
  await ensureRendererBuilt();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', body, signature: req.headers['x-dnsfleet-signature'] as string | undefined, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
  app = await startApp({ healthIntervalMs: 1000 });
});
test.afterAll(async () => {
  await app?.stop();
  await new Promise<void>((resolve) => (receiver ? (receiver.close(() => resolve()), receiver.closeAllConnections()) : resolve()));
});

test('forwarding set up in Settings: a signed test alert goes out, and an alert shows its delivery failing, then forwarded', async ({ page }) => {
  test.setTimeout(90_000);
  const base = `http://127.0.0.1:${(receiver!.address() as AddressInfo).port}`;
  await page.goto(`${app!.url}#/settings`);
  const section = page.getByTestId('forwarding-section');
  await expect(section.getByTestId('forwarding-status')).toHaveText('Not forwarding.');
  await expect(section.getByTestId('send-test-alert')).toBeDisabled();

  await section.getByRole('combobox', { name: 'Forward from severity' }).click();
  await page.getByRole('option', { name: 'Error' }).click();
  await section.getByTestId('alertmanager-url').fill(base);
  await section.getByRole('button', { name: 'Add webhook' }).click();
  const row = section.getByTestId('webhook-row');
  await row.getByLabel('Webhook 1 id').fill('ops');
  await row.getByLabel('URL', { exact: true }).fill(`${base}/hook`);
  await row.getByRole('switch', { name: /Sign each body/ }).check();
  await section.getByTestId('forwarding-save').click();
  await expect(section.getByTestId('forwarding-status')).toHaveText('Forwarding to 2 targets; 0 pending.');

  // The secret is write-only: typed once, kept by the core, then only "secret set".
  await expect(row.getByTestId('webhook-secret-state')).toHaveText('no secret: deliveries wait');
  await row.getByLabel('Signing secret').fill(SECRET);
  await row.getByTestId('webhook-secret-save').click();
  await expect(row.getByTestId('webhook-secret-state')).toHaveText('signing secret set');
  await expect(row.getByLabel('Signing secret')).toHaveValue('');
  expect(await page.content()).not.toContain(SECRET);

  await section.getByTestId('send-test-alert').click();
  const results = section.getByTestId('test-alert-results');
  await expect(results).toContainText('Alertmanager, firing: delivered', { timeout: 20_000 });
  await expect(results).toContainText('webhook ops, resolved: delivered');
  const hook = hits.filter((h) => h.path === '/hook');
  expect(hook).toHaveLength(2);
  for (const h of hook) expect(h.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(h.body).digest('hex')}`);
  expect(hits.filter((h) => h.path === '/api/v2/alerts')).toHaveLength(2);

  // The receiver fails: a real alert's delivery says so in the inbox, with its retry.
  status = 503;
  await emulatorControl(app!.emulators[0]!.url, 'forwarder', { id: 1, status: 'unhealthy', pushNow: true });
  await page.goto(`${app!.url}#/alerts`);
  const alertRow = page.getByTestId('alert-row').filter({ hasText: 'is unhealthy on dns-hq-1' });
  const delivery = alertRow.getByTestId('alert-delivery');
  await expect(delivery).toContainText(/Alertmanager failed: HTTP 503, (retry in \d+ s|retrying now) \(attempt \d+\)/, { timeout: 20_000 });

  status = 200;
  await expect(delivery).toContainText(/forwarded to Alertmanager \d\d:\d\d/, { timeout: 30_000 });
  await expect(delivery).toContainText(/forwarded to webhook ops \d\d:\d\d/, { timeout: 30_000 });
  // Taken once by each receiver (answers of 503 are not deliveries), however often it was retried.
  const taken = (path: string) => hits.filter((h) => h.path === path && h.body.includes('is unhealthy on dns-hq-1') && h.status === 200);
  expect(taken('/hook')).toHaveLength(1);
  expect(taken('/api/v2/alerts').length).toBeGreaterThanOrEqual(1);
});

test('a webhook URL that is a secret is typed once into the keychain and never shown', async ({ page }) => {
  const fake = await startFakeApp();
  try {
    await page.goto(`${fake.url}#/settings`);
    const section = page.getByTestId('forwarding-section');
    await section.getByRole('button', { name: 'Add webhook' }).click();
    const row = section.getByTestId('webhook-row');
    await row.getByLabel('Webhook 1 id').fill('slack');
    await row.getByRole('switch', { name: /Keep the URL in the keychain/ }).check();
    await expect(row.getByLabel('URL', { exact: true })).toBeDisabled(); // nothing to keep it for until saved
    await section.getByTestId('forwarding-save').click();
    expect(fake.core.forwarding.config.webhooks).toEqual([{ id: 'slack', url: null, format: 'json', signed: false }]);
    await expect(row.getByTestId('webhook-url-state')).toHaveText('no URL: deliveries wait');
    const secretUrl = 'https://hooks.slack.example/services/T0/B0/e2e-url-token';
    await row.getByLabel('URL', { exact: true }).fill(secretUrl);
    await row.getByTestId('webhook-url-save').click();
    await expect(row.getByTestId('webhook-url-state')).toHaveText('URL set');
    await expect(row.getByLabel('URL', { exact: true })).toHaveValue('');
    expect(fake.core.forwarding.urlsSet).toEqual(new Set(['slack']));
    expect(fake.core.calls.filter((c) => c.channel === 'forwarding:setSecret').map((c) => c.payload)).toEqual([{ webhookId: 'slack', kind: 'url', secret: '(set)' }]);
    expect(await page.content()).not.toContain('e2e-url-token');
  } finally {
    await fake.close();
  }
});
