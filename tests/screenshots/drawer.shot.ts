/**
 * The README's picture of the event drawer: the real app (browser host, core, the demo fleet), the
 * events page with one threat opened, every field and the raw payload as escaped JSON, light scheme.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureRendererBuilt } from '../e2e/support/buildRenderer';
import { startApp, type RunningApp } from '../e2e/support/startApp';
import { transitionsSettled } from '../e2e/support/transitions';

const DOCS = resolve(import.meta.dirname, '../../docs');
let app: RunningApp;

test.beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startApp({ healthIntervalMs: 1000 });
});
test.afterAll(async () => {
  await app?.stop();
});

test('docs/screenshot-event-drawer.png', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${app.url}#/events`);
  // The demo fleet reports threats within its first minute: a threat is what an operator opens first.
  const threat = page.getByTestId('event-row').filter({ hasText: /threat/i }).first();
  await expect(threat).toBeVisible({ timeout: 90_000 });
  await threat.click();
  await expect(page.getByTestId('event-detail')).toBeVisible();
  // The drawer slides in: take the picture once its transition is over.
  await transitionsSettled(page);
  mkdirSync(DOCS, { recursive: true });
  await page.screenshot({ path: resolve(DOCS, 'screenshot-event-drawer.png') });
});
