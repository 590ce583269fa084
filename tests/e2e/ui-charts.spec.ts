/** Charts that tell the truth (issue 14): rate axes from zero, histogram labels readable and distinct. */
import { expect, test } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { serverStatus } from './support/fakeData';
import { seedEvents } from './support/scenarios';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('the QPS chart starts its axis at zero, so a small wobble does not look like a collapse', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' })));
  await page.goto(`${app.url}#/server/dns-1?tab=charts`);
  const chart = page.getByTestId('chart-qps');
  await expect(chart.locator('text.recharts-cartesian-axis-tick-value[orientation="left"]').first()).toHaveText('0');
});

test('the events histogram has distinct, whole, readable axis labels', async ({ page }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('a', 'live', { name: 'A' }));
    seedEvents(core, ['a'], 3000); // one every 37 s over about 31 h, so the labels carry dates
  });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${app.url}#/events?severity=`);
  const hist = page.getByTestId('event-histogram');
  await expect(hist).toContainText('3,000 events');
  const ticks = hist.locator('text[data-axis="x"]');
  await expect(ticks.first()).toBeVisible();
  const labels = await ticks.allTextContents();
  expect(labels.length).toBeGreaterThan(2);
  expect(new Set(labels).size).toBe(labels.length);
  for (const l of labels) expect(l).toMatch(/^\D.*\d{2}:\d{2}$/); // "Dec 06 21:40": a date and a time, nothing cut off
  const y = await hist.locator('text[data-axis="y"]').allTextContents();
  expect(y[0]).toBe('0');
  const box = (await hist.locator('svg[role="img"]').boundingBox())!;
  for (const t of await hist.locator('text[data-axis]').all()) {
    const b = (await t.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(box.x - 0.5);
    expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
  }
  const size = await ticks.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(12);
});
