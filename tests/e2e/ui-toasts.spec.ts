/**
 * Toasts that do not bury the UI (issue 14): at most three, newest on top, the rest grouped, never
 * over the header or a page's primary buttons; critical ones collapse into a header banner after
 * 30 s and stay one click from their alert. Time is Playwright's fake clock, not waiting.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { serverStatus } from './support/fakeData';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The element a click at the centre of `target` would land on is `target` itself (or inside it). */
async function clickLandsOn(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  if (!box) return false;
  const handle = await target.elementHandle();
  return page.evaluate(
    ([x, y, el]) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (hit === el || el!.contains(hit));
    },
    [box.x + box.width / 2, box.y + box.height / 2, handle] as const,
  );
}

async function startWithStorm(page: Page, n: number) {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' })));
  await page.clock.install();
  await page.goto(app.url);
  await expect(page.getByTestId('server-tile')).toHaveCount(1);
  const raised = [];
  for (let i = 0; i < n; i++) raised.push(app.core.raiseAlert({ title: `Alert number ${i}`, severity: i % 2 === 0 ? 'critical' : 'error' }));
  return raised;
}

test('a storm of alerts shows three toasts, newest on top, and groups the rest', async ({ page }) => {
  const raised = await startWithStorm(page, 7);
  const toasts = page.getByTestId('alert-toast');
  await expect(toasts).toHaveCount(3);
  await expect(toasts.nth(0)).toContainText('Alert number 6');
  await expect(toasts.nth(2)).toContainText('Alert number 4');
  const more = page.getByTestId('toast-more');
  await expect(more).toHaveText(/4 more alerts/);
  await more.click();
  await expect(page.getByRole('tab', { name: /Active/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('alert-row')).toHaveCount(raised.length);
});

test('the header and the server page buttons stay clickable under many alerts', async ({ page }) => {
  await startWithStorm(page, 8);
  await expect(page.getByTestId('active-alerts')).toHaveText('8 active');
  await expect(page.getByTestId('alert-toast').first()).toBeVisible();
  const header = [page.getByTestId('active-alerts'), page.getByRole('radio', { name: 'Dark' }).locator('..'), page.getByRole('radio', { name: 'Light' }).locator('..')];
  for (const target of header) expect(await clickLandsOn(page, target)).toBe(true);

  await page.evaluate(() => void (window.location.hash = '#/server/dns-1'));
  await expect(page.getByTestId('server-detail')).toBeVisible();
  for (const name of [/Reconnect now/, /Maintenance/]) expect(await clickLandsOn(page, page.getByRole('button', { name }).first())).toBe(true);
  await expect(page.getByTestId('alert-toast')).toHaveCount(3);
  await page.getByRole('button', { name: /Reconnect now/ }).click();
  await expect.poll(() => app!.core.callsTo('servers:reconnect').length).toBe(1);
});

test('non-critical toasts close by themselves; critical ones move to a header banner after 30 s', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' })));
  await page.clock.install();
  await page.goto(app.url);
  await expect(page.getByTestId('server-tile')).toHaveCount(1);
  app.core.raiseAlert({ title: 'Forwarder slow', severity: 'warning' });
  const critical = app.core.raiseAlert({ title: 'BIND is not running', severity: 'critical' });
  await expect(page.getByTestId('alert-toast')).toHaveCount(2);
  await page.clock.fastForward(10_000);
  await expect(page.getByTestId('alert-toast')).toHaveCount(1);
  await expect(page.getByTestId('alert-toast')).toContainText('BIND is not running');
  await expect(page.getByTestId('critical-banner')).toHaveCount(0);

  await page.clock.fastForward(21_000);
  await expect(page.getByTestId('alert-toast')).toHaveCount(0);
  const banner = page.getByTestId('critical-banner');
  await expect(banner).toContainText('Primary: BIND is not running');
  await banner.getByRole('button', { name: /Open/ }).click();
  await expect(page.locator(`[data-testid="alert-row"][data-alert-id="${critical.id}"]`)).toHaveAttribute('data-linked', 'true');
});

test('a new critical alert is announced to screen readers', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' })));
  await page.goto(app.url);
  await expect(page.getByTestId('server-tile')).toHaveCount(1);
  app.core.raiseAlert({ title: 'BIND is not running', severity: 'critical' });
  const live = page.getByTestId('critical-announcer');
  await expect(live).toHaveAttribute('aria-live', 'assertive');
  await expect(live).toContainText('Critical alert: Primary: BIND is not running');
});
