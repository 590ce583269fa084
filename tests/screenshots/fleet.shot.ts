/**
 * The README's picture of the fleet page: the real app (browser host, core, three emulated servers),
 * dark scheme, 1280x720, once every tile is live and the sparklines have data.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureRendererBuilt } from '../e2e/support/buildRenderer';
import { startApp, type RunningApp } from '../e2e/support/startApp';

const DOCS = resolve(import.meta.dirname, '../../docs');
let app: RunningApp;

test.beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startApp({ healthIntervalMs: 1000 });
});
test.afterAll(async () => {
  await app?.stop();
});

test('docs/screenshot-fleet.png', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await expect(page.locator('[data-testid="server-tile"][data-state="live"]')).toHaveCount(3, { timeout: 20_000 });
  // A picture of empty charts would mislead the reader: wait until every tile draws its CPU sparkline.
  await expect(page.locator('svg[aria-label="CPU sparkline"]')).toHaveCount(3, { timeout: 60_000 });
  mkdirSync(DOCS, { recursive: true });
  await page.screenshot({ path: resolve(DOCS, 'screenshot-fleet.png') });
});
