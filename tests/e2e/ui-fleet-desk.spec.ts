/**
 * Issue 14.1, the fleet view at a desk: at 1280x720 with 29 servers the failed ones were below the
 * fold (sorted by name). Problems first by default, a problems-only toggle, grouping by group or tag,
 * three densities; every choice lives in the URL (shareable) and is kept when the user comes back.
 */
import { expect, test, type Page } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { DESK_PROBLEMS, deskFleet } from './support/largeFleet';

let app: FakeApp;
test.beforeAll(async () => {
  app = await startFakeApp(deskFleet);
});
test.afterAll(async () => {
  await app?.close();
});

const PROBLEM_IDS = [...DESK_PROBLEMS.critical, ...DESK_PROBLEMS.warning, ...DESK_PROBLEMS.blind];

async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  });
}

test('at 1280x720 with 29 servers every failed server is visible above the fold, worst first', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(app.url);
  await expect(page.getByTestId('server-tile')).toHaveCount(29);
  for (const id of PROBLEM_IDS) {
    const sel = `[data-testid="server-tile"][data-server-id="${id}"]`;
    await expect(page.locator(sel)).toBeVisible();
    expect(await inViewport(page, sel), `${id} is above the fold`).toBe(true);
  }
  // Critical, then warning, then blind, then the rest; by name within a level.
  const order = await page.getByTestId('server-tile').evaluateAll((els) => els.map((e) => e.getAttribute('data-verdict')));
  expect(order.slice(0, 4)).toEqual(['critical', 'critical', 'warning', 'blind']);
  expect(new Set(order.slice(4))).toEqual(new Set(['ok']));
});
