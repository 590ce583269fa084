/**
 * Issue 14.1, the fleet strip on the real core: the browser host with the demo fleet (three emulated
 * servers on loopback). The totals come from fleet:getTotals, summed in the core from each server's
 * query samples; the strip says how many servers they cover.
 */
import { expect, test } from '@playwright/test';
import { ensureRendererBuilt } from './support/buildRenderer';
import { startApp, type RunningApp } from './support/startApp';

let app: RunningApp;
test.beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startApp({ healthIntervalMs: 1000 });
});
test.afterAll(async () => {
  await app?.stop();
});

test("the strip sums the demo fleet's qps and blocked share from all three live servers", async ({ page }) => {
  await page.goto(app.url);
  await expect(page.locator('[data-testid="server-tile"][data-state="live"]')).toHaveCount(3, { timeout: 20_000 });
  const strip = page.getByTestId('fleet-strip');
  await expect(strip.getByTestId('strip-qps-note')).toHaveText('from all 3 servers', { timeout: 30_000 });
  await expect(strip.getByTestId('strip-qps-value')).toHaveText(/^[\d,]+$/);
  await expect(strip.getByTestId('strip-blocked-value')).toHaveText(/^\d+\.\d %$/);
});
