/** Maintenance windows from the fleet tile and the server page, over the FakeCore. */
import { expect, test, type Page } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { serverStatus } from './support/fakeData';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

const MINUTE = 60_000;
const hhmm = (ms: number) => [new Date(ms).getHours(), new Date(ms).getMinutes()].map((n) => String(n).padStart(2, '0')).join(':');
const maintenanceCalls = () => app!.core.callsTo('alerts:setMaintenance') as { serverId: string; untilMs: number | null }[];

async function pick(page: Page, open: () => Promise<void>, choice: string) {
  await open();
  await page.getByRole('menuitem', { name: choice }).click();
}

test('maintenance from a tile: badge with the end time and a live countdown, then ended', async ({ page }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
    core.setServer(serverStatus('dns-2', 'live', { name: 'Secondary' }));
  });
  await page.goto(app.url);
  const tile = page.locator('[data-testid="server-tile"][data-server-id="dns-1"]');
  const openMenu = () => tile.getByRole('button', { name: 'Actions for Primary' }).click();
  await openMenu();
  await expect(page.getByRole('menuitem', { name: 'End maintenance' })).toBeDisabled(); // nothing to end yet
  await page.keyboard.press('Escape');

  const before = Date.now();
  await pick(page, openMenu, '30 min');
  await expect.poll(() => maintenanceCalls().length).toBe(1);
  const until = maintenanceCalls()[0]!.untilMs!;
  expect(maintenanceCalls()[0]!.serverId).toBe('dns-1');
  expect(until - before).toBeGreaterThanOrEqual(30 * MINUTE - 1000);
  expect(until - Date.now()).toBeLessThanOrEqual(30 * MINUTE);

  const badge = tile.getByTestId('maintenance-badge');
  await expect(badge).toContainText(`Maintenance until`);
  await expect(badge).toContainText(hhmm(until));
  await expect(badge.locator('svg')).toHaveCount(1); // an icon, not colour alone
  const countdown = tile.getByTestId('maintenance-countdown');
  await expect(countdown).toHaveText(/^ends in (29 min \d+ s|30 min 0 s)$/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first!); // it ticks
  await expect(page.locator('[data-server-id="dns-2"]').getByTestId('maintenance-badge')).toHaveCount(0);

  await pick(page, openMenu, 'End maintenance');
  await expect(badge).toHaveCount(0);
  expect(maintenanceCalls()[1]).toEqual({ serverId: 'dns-1', untilMs: null });
});

test('maintenance from the server page until tomorrow 08:00 shows on the page and on the tile', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' })));
  await page.goto(`${app.url}#/server/dns-1`);
  const detail = page.getByTestId('server-detail');
  const openMenu = () => detail.getByRole('button', { name: 'Maintenance' }).click();
  await pick(page, openMenu, 'Until tomorrow 08:00');
  await expect(detail.getByTestId('maintenance-badge')).toHaveText('Maintenance until tomorrow 08:00');

  const until = new Date(maintenanceCalls()[0]!.untilMs!);
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  expect([until.getDate(), until.getHours(), until.getMinutes()]).toEqual([tomorrow.getDate(), 8, 0]);

  await detail.getByText('← Fleet').click();
  await expect(page.getByTestId('server-tile').getByTestId('maintenance-badge')).toHaveText('Maintenance until tomorrow 08:00');
  await page.goto(`${app.url}#/server/dns-1`);
  await pick(page, openMenu, 'End maintenance');
  await expect(detail.getByTestId('maintenance-badge')).toHaveCount(0);
});

test('a window that runs out takes its badge with it', async ({ page }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
    core.maintenance.set('dns-1', Date.now() + 3000);
  });
  await page.goto(app.url);
  const badge = page.getByTestId('maintenance-badge');
  await expect(badge).toBeVisible();
  await expect(badge).toHaveCount(0);
});
