/** Maintenance scheduled ahead from the Settings page, and every change pushed to every open window. */
import { expect, test } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { serverStatus } from './support/fakeData';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('a weekly window scheduled in one window appears in another without a reload; a bad time zone is said in words', async ({ browser }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
    core.setServer(serverStatus('dns-2', 'live', { name: 'Secondary' }));
  });
  const one = await browser.newPage();
  const two = await browser.newPage();
  await one.goto(`${app.url}#/settings`);
  await two.goto(`${app.url}#/settings`);
  await expect(two.getByText('No maintenance is scheduled.')).toBeVisible();

  await one.getByRole('textbox', { name: 'Starts' }).fill('2030-06-02T23:00');
  await one.getByRole('textbox', { name: 'Time zone' }).fill('Mars/Olympus');
  await one.getByTestId('maintenance-schedule').click();
  await expect(one.getByTestId('maintenance-problem')).toContainText('not a time zone this system knows');

  await one.getByRole('textbox', { name: 'Time zone' }).fill('Europe/Berlin');
  await one.getByRole('combobox', { name: 'Repeats' }).click();
  await one.getByRole('option', { name: 'Every week' }).click();
  await one.getByTestId('maintenance-schedule').click();
  for (const page of [one, two]) {
    await expect(page.getByTestId('maintenance-window')).toHaveCount(1);
    await expect(page.getByTestId('maintenance-window')).toContainText('Primary');
    await expect(page.getByTestId('maintenance-window')).toContainText(/Every week from .*\(Europe\/Berlin\), 2 h/);
  }
  expect(app.core.windows[0]).toMatchObject({ serverId: 'dns-1', recurrence: 'weekly', timeZone: 'Europe/Berlin', endsAt: app.core.windows[0]!.startsAt + 2 * 3_600_000 });

  // Maintenance started from a tile in one window shows on the tile in the other, pushed.
  await two.goto(`${app.url}#/fleet`);
  await one.goto(`${app.url}#/fleet`);
  await one.locator('[data-server-id="dns-2"]').getByTestId('tile-menu').click();
  await one.getByRole('menuitem').first().click();
  await expect(two.locator('[data-server-id="dns-2"]').getByTestId('maintenance-badge')).toBeVisible();

  await two.goto(`${app.url}#/settings`);
  await two.getByTestId('maintenance-window').filter({ hasText: 'Primary' }).getByRole('button', { name: 'Remove' }).click();
  await one.goto(`${app.url}#/settings`);
  await expect(one.getByTestId('maintenance-window').filter({ hasText: 'Primary' })).toHaveCount(0);
  await one.close();
  await two.close();
});
