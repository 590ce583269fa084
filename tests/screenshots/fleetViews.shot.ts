/**
 * The README's pictures of the fleet view (issue 14.1): the desk view of 29 servers with problems
 * first and the fleet strip, and wall mode with 50 servers. Scripted fleets (the fake core behind the
 * real browser host and renderer): the real demo has three servers, too few to show either view.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startFakeApp } from '../e2e/support/fakeApp';
import { deskFleet, wallFleet } from '../e2e/support/largeFleet';

const DOCS = resolve(import.meta.dirname, '../../docs');

test('docs/screenshot-fleet-desk.png', async ({ page }) => {
  const app = await startFakeApp(deskFleet);
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${app.url}#/fleet?group=group`);
    await expect(page.getByTestId('strip-qps-value')).toHaveText('1,080');
    await expect(page.locator('svg[aria-label="CPU sparkline"]').first()).toBeVisible();
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: resolve(DOCS, 'screenshot-fleet-desk.png') });
  } finally {
    await app.close();
  }
});

test('docs/screenshot-fleet-wall.png', async ({ page }) => {
  const app = await startFakeApp(wallFleet(50));
  try {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${app.url}#/fleet?wall=1`);
    await expect(page.getByTestId('server-tile')).toHaveCount(50);
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: resolve(DOCS, 'screenshot-fleet-wall.png') });
  } finally {
    await app.close();
  }
});
