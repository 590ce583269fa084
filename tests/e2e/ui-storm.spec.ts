/**
 * Smooth under a storm (issue 14 item 4): 1,000 query samples a second from an emulated server,
 * through the real core and the browser host's bridge, while a page is open. No task on the page's
 * main thread may run over 50 ms (PerformanceObserver 'longtask'). A long task is wall-clock time, and
 * on a machine whose cores are oversubscribed (several engineers' test runs at once) a 5 ms task is
 * stretched past 50 ms waiting for a core; so every run also checks the CPU time each task used (from
 * Chromium's trace), and the wall-clock budget is asserted while the machine has a core to spare.
 * `npm run bench -- --only ui` runs the same for a full minute per page and reports both.
 */
import { expect, test } from '@playwright/test';
import { ensureRendererBuilt } from './support/buildRenderer';
import { measureStorm, stormPages, switchToUnified } from './support/queryStorm';
import { startApp, type RunningApp } from './support/startApp';

const TAIL_ROWS = 500; // renderer/src/hooks/useQueryTail.ts

const SECONDS = Number(process.env.DNSFLEET_STORM_SECONDS ?? 15);
const RATE = 1000;
/** Runnable jobs per core under which wall-clock long tasks are the page's own doing. */
const QUIET_LOAD = 1.5;

let app: RunningApp;
let storm: { serverId: string; url: string };

test.describe.configure({ timeout: (SECONDS + 60) * 1000 });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(150_000); // the start, and a reconnect back-off after the restart (switchToUnified)
  await ensureRendererBuilt();
  app = await startApp();
  const page = await browser.newPage();
  storm = await switchToUnified(app, page);
  await page.close();
});
test.afterAll(async () => {
  await app?.stop();
});

for (const key of ['events', 'fleet', 'server'] as const) {
  test(`the ${stormPages("demo-1")[key].name} runs no task over 50 ms while 1,000 query samples/s arrive`, async ({ page }) => {
    const p = stormPages(storm.serverId)[key];
    const r = await measureStorm(page, { appUrl: app.url, emulatorUrl: storm.url, ...p, eventsPerSecond: RATE, seconds: SECONDS });
    test.info().annotations.push({ type: 'storm', description: JSON.stringify({ ...r, durations: r.durations.slice(0, 10) }) });
    expect(r.delivered, `the storm reached the page (the link over the storm: ${JSON.stringify(r.link)})`).toBeGreaterThanOrEqual(r.sent * 0.95);
    expect(r.cpu.over50, `tasks on ${p.hash} that used over 50 ms of main-thread CPU (ms)`).toEqual([]);
    if (r.loadPerCore <= QUIET_LOAD) expect(r.durations, `long tasks on ${p.hash} (ms)`).toEqual([]);
    else test.info().annotations.push({ type: 'busy machine', description: `load ${r.loadPerCore} per core: ${r.count} wall-clock long tasks (max ${r.maxMs} ms) reported, not asserted` });
  });
}

test("the storming server's query tail keeps up, runs no task over 50 ms and keeps its memory bounded", async ({ page }) => {
  const r = await measureStorm(page, { appUrl: app.url, emulatorUrl: storm.url, ...stormPages(storm.serverId).queries, eventsPerSecond: RATE, seconds: SECONDS });
  test.info().annotations.push({ type: 'storm', description: JSON.stringify({ ...r, durations: r.durations.slice(0, 10) }) });
  expect(r.delivered, `the storm reached the page (the link over the storm: ${JSON.stringify(r.link)})`).toBeGreaterThanOrEqual(r.sent * 0.95);
  // The tail shows the storm: a full ring of samples, and the rate it arrived at.
  await expect(page.getByTestId('tail-state')).toHaveText(`${TAIL_ROWS} shown, newest first`);
  expect(Math.max(...r.watched), 'samples/s the tail showed while the storm ran').toBeGreaterThan(RATE / 2);
  expect(await page.getByTestId('query-row').count(), 'rows in the DOM (virtualised)').toBeLessThan(60);
  expect(r.heapAfterMb - r.heapBeforeMb, 'JS heap growth over the storm (MB)').toBeLessThan(8);
  expect(r.cpu.over50, 'tasks that used over 50 ms of main-thread CPU (ms)').toEqual([]);
  if (r.loadPerCore <= QUIET_LOAD) expect(r.durations, 'long tasks on the query tail (ms)').toEqual([]);
  else test.info().annotations.push({ type: 'busy machine', description: `load ${r.loadPerCore} per core: ${r.count} wall-clock long tasks (max ${r.maxMs} ms) reported, not asserted` });
});

