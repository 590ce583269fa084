/**
 * Issue 14.2, the command palette, keyboard only: Ctrl+K (or Cmd+K) from anywhere, even while typing
 * in a field; jump to a server; acknowledge, snooze and maintenance through the same contract calls
 * as the inbox and the tiles; search events (the events page opens with the query).
 */
import { expect, test, type Page } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { deskFleet } from './support/largeFleet';

let app: FakeApp;
test.beforeAll(async () => {
  app = await startFakeApp((core) => {
    deskFleet(core);
    core.raiseAlert({ id: 'al-bind', serverId: 'zrh-bind', key: 'bind', rule: 'bind-down', title: 'BIND is not running', severity: 'critical' });
    core.raiseAlert({ id: 'al-fwd', serverId: 'zrh-fwd', key: 'forwarder:1', rule: 'forwarder-unhealthy', title: 'Forwarder Cloudflare down', severity: 'error' });
  });
});
test.afterAll(async () => {
  await app?.close();
});

/** Opens the palette, types, moves to the entry with this id using arrows only, and presses Enter. */
async function choose(page: Page, text: string, actionId: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const search = page.getByTestId('palette-search');
  await expect(search).toBeFocused();
  await page.keyboard.type(text);
  const actions = page.getByTestId('palette-action');
  const ids = await actions.evaluateAll((els) => els.map((e) => e.getAttribute('data-action-id')));
  const index = ids.indexOf(actionId);
  expect(index, `${actionId} in ${ids.join(', ')}`).toBeGreaterThanOrEqual(0);
  // Typing selects the first match; each arrow moves one down.
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await expect(page.locator(`[data-testid="palette-action"][data-action-id="${actionId}"]`)).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(search).toHaveCount(0);
}

test('Ctrl+K jumps to a server by part of its name', async ({ page }) => {
  await page.goto(`${app.url}#/alerts`);
  await expect(page.getByTestId('alert-row').first()).toBeVisible();
  await choose(page, 'wlg', 'open:wlg-degraded');
  await expect(page).toHaveURL(/#\/server\/wlg-degraded$/);
});

test('acknowledge, snooze and maintenance from the palette call the core like the inbox does', async ({ page }) => {
  await page.goto(`${app.url}#/fleet`);
  await expect(page.getByTestId('server-tile').first()).toBeVisible();
  await choose(page, 'ack zrh-bind', 'ack:zrh-bind');
  await expect.poll(() => app.core.callsTo('alerts:acknowledge')).toEqual([{ ids: ['al-bind'], note: '' }]);
  await expect(page.locator('[data-testid="server-tile"][data-server-id="zrh-bind"] [data-testid="verdict-badge"]')).toContainText('acknowledged');

  await choose(page, 'snooze zrh-fwd', 'snooze:zrh-fwd');
  await expect.poll(() => app.core.callsTo('alerts:snooze')).toEqual([{ ids: ['al-fwd'], minutes: 60 }]);

  // Acknowledged: the server no longer offers an acknowledgement.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('ack zrh-bind');
  await expect(page.locator('[data-testid="palette-action"][data-action-id="ack:zrh-bind"]')).toHaveCount(0);
  await page.keyboard.press('Escape');

  await choose(page, 'maintenance yyz', 'maint:yyz-offline');
  const [call] = app.core.callsTo('alerts:setMaintenance') as { serverId: string; untilMs: number }[];
  expect(call?.serverId).toBe('yyz-offline');
  expect(call!.untilMs - Date.now()).toBeGreaterThan(55 * 60_000);
  await expect(page.locator('[data-testid="server-tile"][data-server-id="yyz-offline"]')).toHaveAttribute('data-verdict', 'maintenance');
});

test('search events opens the events page with the query; Cmd+K works while typing in a field', async ({ page }) => {
  await page.goto(`${app.url}#/fleet`);
  await page.getByTestId('fleet-filter').focus();
  await page.keyboard.press('Meta+k');
  await expect(page.getByTestId('palette-search')).toBeFocused();
  await page.keyboard.press('Escape');
  await page.getByTestId('fleet-filter').focus();
  await choose(page, 'Quad9', 'search-events');
  await expect(page).toHaveURL(/#\/events\?q=Quad9$/);
  await expect(page.getByTestId('event-search')).toHaveValue('Quad9');
});
