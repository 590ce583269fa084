/**
 * The real app (browser host + core + the demo's emulated servers, which answer DNS): the Probes tab
 * shows what the core's own probes got.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureRendererBuilt } from './support/buildRenderer';
import { startApp, type RunningApp } from './support/startApp';

let app: RunningApp;

test.beforeAll(async () => {
  await ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'dnsfleet-e2e-probes-'));
  // A short probe interval so the first sets arrive within seconds (settings.json, as a user would set it).
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ version: 3, probes: { intervalSeconds: 2 } }));
  app = await startApp({ healthIntervalMs: 1000, dataDir });
});
test.afterAll(async () => {
  await app?.stop();
});

test('the Probes tab of a demo server shows every probe answered, with latency and rcode', async ({ page }) => {
  await page.goto(`${app.url}#/server/demo-1`);
  await page.getByRole('tab', { name: 'Probes' }).click();
  await expect(page.getByTestId('probe-target')).toContainText(/127\.0\.0\.1:\d+ over UDP · every 2 s/);
  const soa = page.locator('[data-testid="probe-row"][data-probe="soa:corp.local"]');
  await expect(soa).toContainText('serial 2025082901', { timeout: 20_000 });
  await expect(soa).toContainText('NOERROR');
  await expect(page.locator('[data-testid="probe-row"][data-probe="blocked"]')).toContainText('NXDOMAIN (blocked)');
  await expect(page.locator('[data-testid="probe-row"][data-probe="internal"]')).toContainText('ok');
  await expect(page.locator('[data-testid="probe-row"][data-outcome="timeout"]')).toHaveCount(0);
});
