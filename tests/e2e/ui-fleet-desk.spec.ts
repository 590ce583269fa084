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

test("the fleet strip shows the core's totals and says which servers they cover", async ({ page }) => {
  await page.goto(`${app.url}#/fleet`);
  const strip = page.getByTestId('fleet-strip');
  // 27 live servers report 40 qps each; one live server has no current reading, one is offline.
  await expect(strip.getByTestId('strip-qps-value')).toHaveText('1,080');
  await expect(strip.getByTestId('strip-qps-note')).toHaveText('from 27 of 29 servers (1 not live, 1 without a current reading)');
  await expect(strip.getByTestId('strip-blocked-value')).toHaveText('12.5 %');
  await expect(strip.getByTestId('strip-alerts-value')).toHaveText('none');
  await expect(strip.locator('[data-testid="verdict-count"][data-level="critical"] [data-testid="verdict-count-value"]')).toHaveText('2');
  // A new alert reaches the strip without waiting for the next refresh.
  app.core.raiseAlert({ serverId: 'zrh-bind', key: 'bind', rule: 'bind-down', title: 'BIND is not running', severity: 'critical' });
  await expect(strip.locator('[data-testid="strip-alert-count"][data-severity="critical"]')).toHaveText(/critical\s*1/i, { timeout: 4000 });
  await expect(strip.getByTestId('strip-alerts-note')).toHaveText('1 not acknowledged or snoozed');
});

test('problems only, grouping and density live in the URL, survive a reload and come back from the menu', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${app.url}#/fleet`);
  // The switch follows the URL (a hash change, then a render), so click and wait rather than check(),
  // which demands the new state at once.
  const problemsOnly = page.getByRole('switch', { name: 'Problems only' });
  await problemsOnly.click({ force: true });
  await expect(problemsOnly).toBeChecked();
  await expect(page.getByTestId('server-tile')).toHaveCount(4);
  await expect(page.getByTestId('fleet-shown')).toHaveText('Showing 4 of 29 servers');
  await page.getByTestId('fleet-group').getByText('By group', { exact: true }).click();
  await expect(page).toHaveURL(/#\/fleet\?problems=1&group=group$/);
  // The section with the worst server comes first.
  await expect(page.getByTestId('fleet-group-title')).toHaveText(['Europe Central (2)', 'Oceania (1)', 'Americas (1)']);

  await page.reload();
  await expect(page.getByTestId('fleet-group-title')).toHaveText(['Europe Central (2)', 'Oceania (1)', 'Americas (1)']);
  await page.getByTestId('fleet-density').getByText('Table', { exact: true }).click();
  await expect(page.getByTestId('server-row')).toHaveCount(4);
  await expect(page.getByTestId('fleet-group-row').first()).toHaveText('Europe Central (2)');

  // Away and back through the navigation: the last view comes back.
  await page.getByRole('link', { name: 'Alerts' }).click();
  await page.getByRole('link', { name: 'Fleet' }).click();
  await expect(page).toHaveURL(/#\/fleet\?problems=1&group=group&density=table$/);
  await expect(page.getByTestId('server-row')).toHaveCount(4);

  // Back to everything, by tag: a server with two tags is listed under each.
  await problemsOnly.click({ force: true });
  await expect(problemsOnly).not.toBeChecked();
  await page.getByTestId('fleet-group').getByText('By tag', { exact: true }).click();
  await expect(page.getByTestId('server-row')).toHaveCount(29 + 13); // 13 servers carry two tags
  await page.getByTestId('fleet-group').getByText('None', { exact: true }).click();
  await page.getByTestId('fleet-density').getByText('Comfortable', { exact: true }).click();
  await expect(page).toHaveURL(/#\/fleet$/);
});

test('compact tiles and the name filter; / focuses the filter from anywhere on the page', async ({ page }) => {
  await page.goto(`${app.url}#/fleet?density=compact`);
  await expect(page.locator('[data-testid="server-tile"][data-density="compact"]')).toHaveCount(29);
  await expect(page.getByTestId('server-tile').first()).toHaveAttribute('data-verdict', 'critical');
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('/');
  await expect(page.getByTestId('fleet-filter')).toBeFocused();
  await page.keyboard.type('zrh');
  await expect(page.getByTestId('server-tile')).toHaveCount(2);
  await expect(page).toHaveURL(/q=zrh/);
  // On the events page the same key focuses the event search.
  await page.evaluate(() => void (window.location.hash = '#/events'));
  await expect(page.getByTestId('event-search')).toBeVisible();
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('/');
  await expect(page.getByTestId('event-search')).toBeFocused();
});

test('at 1280x720 every tile shows its server name in full, the failed ones first of all', async ({ page }) => {
  // A critical tile carries two badges and a menu; its name was cut to "dns-zrh-…", the one word an operator needs.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(app.url);
  await expect(page.getByTestId('server-tile')).toHaveCount(29);
  const cut = await page.getByTestId('server-name').evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth || el.getBoundingClientRect().width === 0).map((el) => el.textContent),
  );
  expect(cut, 'names cut short').toEqual([]);
});
