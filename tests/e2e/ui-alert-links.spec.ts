/** Opening one alert from a notification (the host's #/alerts/<id>) and from an in-page toast. */
import { expect, test, type Page } from '@playwright/test';
import type { Alert } from '../../shared/domain/alert';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { serverStatus } from './support/fakeData';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

const HOUR = 3_600_000;
const followHash = (page: Page, hash: string) => page.evaluate((h) => void (window.location.hash = h), hash);
const row = (page: Page, a: Alert) => page.locator(`[data-testid="alert-row"][data-alert-id="${a.id}"]`);

/** 60 resolved alerts above the target, so it sits far below the fold of its tab. */
function resolvedHistory(app: FakeApp): Alert {
  const core = app.core;
  const old = (h: number) => new Date(Date.now() - h * HOUR).toISOString();
  for (let i = 0; i < 60; i++) core.raiseAlert({ title: `Resolved #${i}`, status: 'resolved', severity: 'error', raisedAt: old(1), resolvedAt: old(0.5) });
  return core.raiseAlert({ title: 'The one you clicked', status: 'resolved', severity: 'info', raisedAt: old(5), resolvedAt: old(4) });
}

test('a notification link opens the alert on its own tab, scrolled into view and highlighted', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' })));
  const target = resolvedHistory(app);
  await page.goto(app.url);
  await expect(page.getByTestId('server-tile')).toHaveCount(1);

  await followHash(page, `#/alerts/${encodeURIComponent(target.id)}`);
  await expect(page.getByRole('tab', { name: /Resolved/ })).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, target)).toHaveAttribute('data-linked', 'true');
  await expect(row(page, target)).toHaveAttribute('data-focused', 'true');
  await expect(row(page, target)).toBeInViewport();
  await expect(page.getByTestId('alert-row').first()).not.toBeInViewport(); // it really scrolled

  await page.keyboard.press('k'); // moving on drops the highlight
  await expect(row(page, target)).not.toHaveAttribute('data-linked', 'true');

  // The same notification clicked again (same hash) opens it again, from another tab.
  await page.getByRole('tab', { name: /Active/ }).click();
  await followHash(page, `#/alerts/${encodeURIComponent(target.id)}`);
  await expect(page.getByRole('tab', { name: /Resolved/ })).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, target)).toHaveAttribute('data-linked', 'true');
});

test('a link loaded with the page waits for the alert list, and an unknown id says so', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' })));
  const target = resolvedHistory(app);
  const active = app.core.raiseAlert({ title: 'Still burning', severity: 'critical' });
  await page.goto(`${app.url}#/alerts/${encodeURIComponent(target.id)}`);
  await expect(row(page, target)).toHaveAttribute('data-linked', 'true');
  await expect(row(page, target)).toBeInViewport();

  await followHash(page, '#/alerts/storm-1700000000000-1');
  await expect(page.getByTestId('alert-link-missing')).toContainText('The alert you opened is not in the list');
  await expect(page.getByRole('tab', { name: /Active/ })).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, active)).toBeVisible();
});

test('clicking a toast opens its alert; its close button only closes it', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' })));
  await page.goto(app.url);
  await expect(page.getByTestId('server-tile')).toHaveCount(1);

  const dismissed = app.core.raiseAlert({ title: 'Just close me', severity: 'warning' });
  const toast = page.locator(`[data-testid="alert-toast"][data-alert-id="${dismissed.id}"]`);
  await toast.getByRole('button').click();
  await expect(toast).toHaveCount(0);
  await expect(page.getByTestId('server-tile')).toBeVisible();

  const a = app.core.raiseAlert({ title: 'BIND is not running', severity: 'critical' });
  await page.getByTestId('alert-toast').filter({ hasText: 'Primary: BIND is not running' }).click();
  await expect(row(page, a)).toHaveAttribute('data-linked', 'true');
  await expect(page.getByRole('tab', { name: /Active/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('alert-toast').filter({ hasText: 'BIND is not running' })).toHaveCount(0);
});

test('a storm summary toast reads well, is not listed as an alert and opens the inbox', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' })));
  const real = app.core.raiseAlert({ title: 'Forwarder Quad9 unhealthy' });
  await page.goto(app.url);
  await expect(page.getByTestId('active-alerts')).toHaveText('1 active');

  app.core.raiseSummary(12);
  const toast = page.getByTestId('alert-toast').filter({ hasText: 'Fleet: 12 more alerts' });
  await expect(toast).toContainText('Click to open the alert list');
  await expect(page.getByTestId('active-alerts')).toHaveText('1 active'); // a pop-up, not a 13th alert

  await toast.click();
  await expect(page.getByRole('tab', { name: /Active/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('alert-row')).toHaveCount(1);
  await expect(row(page, real)).toBeVisible();
  await expect(page.getByTestId('alert-link-missing')).toHaveCount(0);
});
