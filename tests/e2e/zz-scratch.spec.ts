import { test } from '@playwright/test';
import { startFakeApp } from './support/fakeApp';
import { deskFleet, wallFleet } from './support/largeFleet';

test('scratch', async ({ page }) => {
  const app = await startFakeApp(deskFleet);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(app.url);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: '/tmp/wall-desk.png' });
  await page.evaluate(() => void (window.location.hash = '#/fleet?density=compact&group=group'));
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/wall-compact.png' });
  await page.evaluate(() => void (window.location.hash = '#/fleet?density=table&group=tag'));
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/wall-table.png' });
  await app.close();
  const w = await startFakeApp(wallFleet(50));
  await page.setViewportSize({ width: 3840, height: 2160 });
  await page.goto(w.url + '#/fleet?wall=1');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: '/tmp/wall-50.png' });
  await w.close();
});
