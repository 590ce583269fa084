/**
 * The connection inspector end to end (issue 18, done-when): the browser host, the core and the
 * emulated demo fleet, driven through the server page's Inspector tab.
 */
import { expect, test, type Page } from '@playwright/test';
import { ensureRendererBuilt } from './support/buildRenderer';
import { emulatorControl, startApp, type RunningApp } from './support/startApp';

let app: RunningApp;
test.beforeAll(async () => {
  await ensureRendererBuilt();
  // A quiet demo (pushes every 60 s): the inspector changes when the test makes it change.
  app = await startApp({ healthIntervalMs: 60_000 });
});
test.afterAll(async () => {
  await app?.stop();
});

async function openInspector(page: Page, serverId: string): Promise<void> {
  await page.goto(`${app.url}#/server/${serverId}`);
  await expect(page.getByTestId('server-detail')).toBeVisible();
  await page.getByTestId('tab-inspector').click();
  await expect(page.getByTestId('inspector-counters')).toBeVisible();
}

/** Resolves when `selector` matches an element whose text matches `text`, checked every frame in the page. */
async function appears(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(([sel, t]) => [...document.querySelectorAll(sel)].some((e) => e.textContent?.includes(t)), [selector, text] as const, { polling: 'raf', timeout: 5000 });
}

test('garbage frames show as rejected, with the reason, within 1 s', async ({ page }) => {
  await openInspector(page, 'demo-1');
  await expect(page.getByTestId('inspector-counters')).toHaveAttribute('data-stack', 'legacy', { timeout: 20_000 });
  await expect(page.getByTestId('inspector-rejected')).toContainText('None rejected.');
  const emulator = app.emulators[0]!.url;
  const sent = Date.now();
  await emulatorControl(emulator, 'raw', { stack: 'legacy', frame: 'garbage <b>not json</b> {{{' });
  await appears(page, '[data-testid="inspector-rejected-frame"]', 'garbage <b>not json</b>');
  const elapsed = Date.now() - sent;
  test.info().annotations.push({ type: 'rejected frame shown after', description: `${elapsed} ms` });
  expect(elapsed, `shown after ${elapsed} ms`).toBeLessThan(1000);
  const row = page.getByTestId('inspector-rejected-frame').first();
  await expect(row.getByTestId('inspector-rejected-reason')).not.toBeEmpty();
  // Rendered as text, never as HTML.
  await expect(row.locator('b', { hasText: 'not json' })).toHaveCount(0);
  await expect(page.getByTestId('inspector-rejected-count')).toContainText('1');
});

test('the protocol ping round trip appears on the legacy stack', async ({ page }) => {
  await openInspector(page, 'demo-2');
  await expect(page.getByTestId('inspector-ping')).toContainText(/\d+(\.\d+)? ms/, { timeout: 20_000 });
  await expect(page.getByTestId('inspector-ping-percentiles')).toContainText(/over \d+ pings/);
  await expect(page.getByTestId('inspector-counters')).toHaveAttribute('data-stack', 'legacy');
});

test('on the unified stack: the ping round trip appears and a forced re-subscription shows in the subscription list', async ({ page }) => {
  const emulator = app.emulators[2]!.url;
  // A server whose legacy route is broken (migration mode on): the session moves to unified.
  await emulatorControl(emulator, 'migration-mode', { mode: 'unified_only' });
  await openInspector(page, 'demo-3');
  await page.getByRole('button', { name: 'Reconnect now' }).click();
  const counters = page.getByTestId('inspector-counters');
  await expect(counters).toHaveAttribute('data-stack', 'unified', { timeout: 30_000 });
  await expect(page.getByTestId('inspector-socket')).toHaveAttribute('data-state', 'open', { timeout: 20_000 });
  await expect(page.getByTestId('inspector-ping')).toContainText(/\d+(\.\d+)? ms/, { timeout: 20_000 });

  const subs = page.getByTestId('inspector-subscriptions');
  await expect(subs.getByTestId('inspector-subscription').filter({ hasText: 'admin_broadcast' })).toBeVisible({ timeout: 10_000 });
  const before = Number(await subs.getAttribute('data-confirmations'));
  // The server forgets the subscriptions (they expire silently, Q21); re-subscribing brings them back.
  await emulatorControl(emulator, 'expire-subscriptions', {});
  await page.getByTestId('inspector-resubscribe').click();
  await expect(page.getByTestId('inspector-resubscribe-note')).toContainText('subscribe_events sent');
  await expect(subs).toHaveAttribute('data-confirmations', String(before + 1), { timeout: 5000 });
  await expect(page.getByTestId('inspector-subscribe-requests')).toContainText(/the latest reply added \d+/);
  await expect(subs.getByTestId('inspector-subscription').filter({ hasText: 'admin_broadcast' })).toBeVisible();
});

test('the frame tail holds frames only while open, shows them as text and copies one as a fixture line', async ({ page }) => {
  await openInspector(page, 'demo-1');
  await page.locator('label').filter({ hasText: /^Frames$/ }).click();
  await expect(page.getByTestId('frame-tail-note')).toContainText('recorded only while this view is open');
  await emulatorControl(app.emulators[0]!.url, 'raw', { stack: 'legacy', frame: JSON.stringify({ type: 'health_alert', data: { type: 'alert_acknowledged', alert_id: 'forwarder_9', note: '<img src=x onerror=alert(1)>' }, timestamp: '2025-08-29T09:30:00.5' }) });
  const row = page.getByTestId('frame-row').filter({ hasText: 'forwarder_9' });
  await expect(row).toBeVisible({ timeout: 5000 });
  await row.getByTestId('frame-row-toggle').click();
  await expect(row.getByTestId('frame-json')).toContainText('"alert_id": "forwarder_9"');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await row.getByTestId('frame-copy-fixture').click();
  const fixture = JSON.parse((await page.getByTestId('frame-fixture').locator('pre, code').first().innerText()).trim()) as Record<string, string>;
  expect(Object.keys(fixture)).toEqual(['name', 'stack', 'about', 'frame']);
  expect(fixture.stack).toBe('legacy');
  expect(JSON.parse(fixture.frame!)).toMatchObject({ type: 'health_alert' });
  // Filter by type, then pause: new frames stop showing until resumed.
  await page.getByTestId('frame-tail-pause').click();
  await expect(page.getByTestId('frame-tail-count')).toContainText('Paused');
  await page.getByTestId('frame-tail-pause').click();
  await expect(page.getByTestId('frame-tail-count')).not.toContainText('Paused');
});
