/**
 * The README's picture of a server's Charts tab: the real app over an event log holding a day of
 * history (seedHistory.ts) for demo-1, 24 h range, light scheme: annotated charts and forwarder timelines.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureRendererBuilt } from '../e2e/support/buildRenderer';
import { startApp, type RunningApp } from '../e2e/support/startApp';
import { seedHistory } from './seedHistory';

const DOCS = resolve(import.meta.dirname, '../../docs');
let app: RunningApp;
let failing = '';

test.beforeAll(async () => {
  await ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'dnsfleet-shot-'));
  failing = await seedHistory(dataDir, 0);
  app = await startApp({ healthIntervalMs: 1000, dataDir });
});
test.afterAll(async () => {
  await app?.stop();
});

test('docs/screenshot-charts.png', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${app.url}#/server/demo-1?tab=charts&range=24h`);
  await expect(page.locator('[data-testid="annotation"][data-kind="bind-reload"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('[data-testid="annotation"][data-kind="gap"]')).toHaveCount(1);
  await expect(page.getByTestId('chart-qps').locator('.recharts-line-curve')).toHaveCount(1);
  await expect(page.locator(`[data-testid="forwarder-timeline"][data-forwarder="${failing}"] [data-status="unhealthy"]`)).toHaveCount(1);
  mkdirSync(DOCS, { recursive: true });
  await page.screenshot({ path: resolve(DOCS, 'screenshot-charts.png'), fullPage: true });
});
