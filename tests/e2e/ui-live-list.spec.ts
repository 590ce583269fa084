/**
 * The live event list does not move under the reader (issue 14 item 4): scrolled away from the top
 * it holds arrivals and says how many; a pause button holds them on request; both show them on return.
 */
import { expect, test, type Page } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { fleetEvent, serverStatus } from './support/fakeData';
import { seedEvents } from './support/scenarios';

let app: FakeApp;
test.beforeEach(async () => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('a', 'live', { name: 'A' }));
    seedEvents(core, ['a'], 400);
  });
});
test.afterEach(async () => {
  await app?.close();
});

const arrivals = (n: number) => Array.from({ length: n }, (_, i) => fleetEvent({ serverId: 'a', severity: 'info', title: `arrival ${i + 1}`, occurredAt: new Date(Date.now() + i).toISOString() }));
const firstTitle = (page: Page) => page.getByTestId('event-title').first().textContent();

test('pause holds arrivals and counts them; resume puts them on top', async ({ page }) => {
  await page.goto(`${app.url}#/events`);
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  const before = await firstTitle(page);
  await page.getByTestId('pause-live').click();
  await expect(page.getByTestId('pause-live')).toHaveAttribute('aria-pressed', 'true');
  app.core.appendEvents(arrivals(2));
  await expect(page.getByTestId('live-state')).toHaveText('Live list paused: 2 new events waiting');
  expect(await firstTitle(page)).toBe(before);
  await page.getByTestId('pause-live').click();
  await expect(page.getByTestId('event-title').first()).toHaveText('arrival 2');
  await expect(page.getByTestId('live-state')).toHaveText('Live: new events appear at the top');
});

test('scrolled away from the top, the list stays put and offers the new events', async ({ page }) => {
  await page.goto(`${app.url}#/events`);
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  const list = page.getByTestId('event-list');
  await list.evaluate((el) => el.scrollTo({ top: 2000 }));
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);
  const rowAt = () => page.evaluate(() => document.elementFromPoint(400, (document.querySelector('[data-testid="event-list"]')!.getBoundingClientRect().top + 60))?.closest('[data-testid="event-row"]')?.getAttribute('data-event-id'));
  // The virtual list renders the rows of the new scroll position a frame later: read the row once it is there.
  await expect.poll(rowAt).toBeTruthy();
  const underCursor = await rowAt();
  app.core.appendEvents(arrivals(3));
  await expect(page.getByTestId('new-events')).toHaveText('3 new events, paused while you scroll ↑');
  expect(await rowAt()).toBe(underCursor);
  await page.getByTestId('new-events').click();
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(0);
  await expect(page.getByTestId('event-title').first()).toHaveText('arrival 3');
  await expect(page.getByTestId('new-events')).toHaveCount(0);
});
