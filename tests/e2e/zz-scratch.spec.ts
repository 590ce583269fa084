import { test } from '@playwright/test';
import { startFakeApp } from './support/fakeApp';
import { wallFleet } from './support/largeFleet';

test('scratch', async ({ page }) => {
  const w = await startFakeApp(wallFleet(50));
  await page.setViewportSize({ width: 3840, height: 2160 });
  await page.goto(w.url + '&wall=1');
  await page.waitForTimeout(1500);
  const info = await page.evaluate(() => {
    const g = document.querySelector('[data-testid="wall-grid"]') as HTMLElement;
    const p = g.parentElement!;
    const b = document.querySelector('[data-testid="wall-banner"]') as HTMLElement;
    const m = document.querySelector('main') as HTMLElement;
    return { grid: g.getBoundingClientRect().toJSON(), gridStyle: g.getAttribute('style'), parent: p.getBoundingClientRect().toJSON(), banner: b.getBoundingClientRect().toJSON(), main: m.getBoundingClientRect().toJSON(), body: document.body.scrollHeight, li: (g.lastElementChild as HTMLElement).getBoundingClientRect().toJSON(), btn: (g.lastElementChild!.firstElementChild as HTMLElement).getBoundingClientRect().toJSON() };
  });
  console.log(JSON.stringify(info, null, 1));
  await w.close();
});
