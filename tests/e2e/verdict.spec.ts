/**
 * Issue 12, "green while broken": the real app (browser host + core + three emulated servers) with
 * BIND stopped on one server and a forwarder down on another. The header, the counts, each tile,
 * the page title and the favicon must all say so — they all render the core's one verdict.
 */
import { expect, test, type Page } from '@playwright/test';
import { faviconHref } from '../../renderer/src/lib/verdictMeta';
import { ensureRendererBuilt } from './support/buildRenderer';
import { emulatorControl, startApp, type RunningApp } from './support/startApp';

let app: RunningApp;

test.beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startApp({ healthIntervalMs: 1000 });
});
test.afterAll(async () => {
  await app?.stop();
});

const tile = (page: Page, id: string) => page.locator(`[data-testid="server-tile"][data-server-id="${id}"]`);
const count = (page: Page, level: string) => page.locator(`[data-testid="verdict-count"][data-level="${level}"] [data-testid="verdict-count-value"]`);

test('BIND down on one server and a forwarder down on another: every surface says critical', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.locator('[data-testid="server-tile"][data-state="live"]')).toHaveCount(3, { timeout: 20_000 });
  // The demo's own script: threats seen on every server (warning alerts), and demo-2 has a degraded forwarder.
  await expect(page.getByTestId('fleet-summary-text')).toHaveText('3 warning');
  await expect(page).toHaveTitle('(3 warning) DNS Fleet Monitor');

  const [first, , third] = app.emulators;
  await emulatorControl(first!.url, 'bind', { running: false });
  await emulatorControl(first!.url, 'push-system', {});
  await emulatorControl(third!.url, 'forwarder', { id: 1, status: 'unhealthy', pushNow: true });

  // Header: worst level as a badge with its word, and the counts in words.
  const summary = page.getByTestId('fleet-summary');
  await expect(summary).toHaveAttribute('data-level', 'critical', { timeout: 10_000 });
  await expect(page.getByTestId('fleet-summary-text')).toHaveText('2 critical · 1 warning');
  await expect(summary.getByTestId('verdict-badge')).toHaveText('Critical');

  // The state counts are verdict counts.
  await expect(count(page, 'critical')).toHaveText('2');
  await expect(count(page, 'warning')).toHaveText('1');
  await expect(page.locator('[data-testid="verdict-count"][data-level="ok"]')).toHaveCount(0);

  // Each tile: level, colour of its border, and the reason in words.
  const bindDown = tile(page, 'demo-1');
  await expect(bindDown).toHaveAttribute('data-verdict', 'critical');
  await expect(bindDown.getByTestId('verdict-reason').first()).toHaveText('BIND is not running');
  await expect(bindDown).toHaveAttribute('data-state', 'live'); // the link is fine; the server is not
  const forwarderDown = tile(page, 'demo-3');
  await expect(forwarderDown).toHaveAttribute('data-verdict', 'critical');
  await expect(forwarderDown.getByTestId('verdict-reason').first()).toHaveText(/^Forwarder .+ down$/);
  await expect(tile(page, 'demo-2')).toHaveAttribute('data-verdict', 'warning');
  await expect(tile(page, 'demo-2').getByTestId('verdict-reason').first()).toHaveText(/^Forwarder .+ degraded/);
  const borders = await page.locator('[data-testid="server-tile"][data-verdict="critical"]').evaluateAll((els) => els.map((e) => getComputedStyle(e).borderLeftColor));
  const redBorder = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--mantine-color-red-filled').trim());
  expect(borders).toHaveLength(2);
  for (const c of borders) expect(c).toBe(await cssColor(page, redBorder));

  // Page title and favicon.
  await expect(page).toHaveTitle('(2 critical, 1 warning) DNS Fleet Monitor');
  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveAttribute('data-level', 'critical');
  await expect(icon).toHaveAttribute('href', faviconHref('critical'));

  // BIND back: that server drops to its threat warning once fresh data says so; the fleet follows.
  await emulatorControl(first!.url, 'bind', { running: true });
  await emulatorControl(first!.url, 'push-system', {});
  await expect(bindDown).toHaveAttribute('data-verdict', 'warning', { timeout: 10_000 });
  await expect(bindDown.getByTestId('verdict-reason').filter({ hasText: 'BIND' })).toHaveCount(0);
  await expect(page.getByTestId('fleet-summary-text')).toHaveText('1 critical · 2 warning');
  await expect(page).toHaveTitle('(1 critical, 2 warning) DNS Fleet Monitor');
  await expect(icon).toHaveAttribute('data-level', 'critical');
});

/** The computed rgb() form of a CSS colour, as getComputedStyle reports it. */
async function cssColor(page: Page, color: string): Promise<string> {
  return page.evaluate((c) => {
    const probe = document.createElement('div');
    probe.style.color = c;
    document.body.appendChild(probe);
    const out = getComputedStyle(probe).color;
    probe.remove();
    return out;
  }, color);
}
