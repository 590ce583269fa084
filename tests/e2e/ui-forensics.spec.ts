/**
 * Forensics in two clicks (issue 14): a row opens a drawer with every field and the raw event as
 * escaped text, links to its server, its alert and the 15 minutes around it; the filters and the
 * open event live in the URL, so back/forward and shared links work.
 */
import { expect, test } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { fleetEvent, serverStatus } from './support/fakeData';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

const HOSTILE = '<img src=x onerror=window.__pwned=1>';
const MINUTE = 60_000;

function seed(core: FakeApp['core']) {
  core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
  core.setServer(serverStatus('dns-2', 'live', { name: 'Branch' }));
  const now = Date.now();
  const events = Array.from({ length: 400 }, (_, i) => {
    const at = new Date(now - (400 - i) * MINUTE).toISOString();
    return fleetEvent({ serverId: i % 2 ? 'dns-1' : 'dns-2', occurredAt: at, receivedAt: at, title: `Forwarder Quad9 changed #${i}`, severity: 'warning', data: { forwarderName: i === 399 ? HOSTILE : 'Quad9', n: i } });
  });
  core.events = [...events].reverse();
  return events;
}

test('a row opens the drawer with every field, the raw JSON as text, and links that lead on', async ({ page, context }) => {
  let events: ReturnType<typeof seed> = [];
  app = await startFakeApp((core) => (events = seed(core)));
  const newest = events.at(-1)!;
  const raised = app.core.raiseAlert({ serverId: 'dns-1', title: 'Forwarder Quad9 unhealthy', eventId: newest.id });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${app.url}#/events`);

  await page.locator(`[data-testid="event-row"][data-event-id="${newest.id}"]`).click();
  const detail = page.getByTestId('event-detail');
  await expect(detail).toHaveAttribute('data-event-id', newest.id);
  await expect(page).toHaveURL(new RegExp(`event=${newest.id}`));
  for (const text of [newest.title, newest.id, newest.dedupKey, newest.derived ? 'derived by this app' : 'pushed by the server', 'Primary (dns-1)']) await expect(detail).toContainText(text);
  await expect(page.getByTestId('event-raw')).toContainText(HOSTILE);
  await expect(page.getByTestId('event-raw').locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.getByTestId('copy-raw').click();
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toMatchObject({ id: newest.id, data: { forwarderName: HOSTILE } });
  await expect(page.getByTestId('drawer-alert-link')).toHaveAttribute('href', `#/alerts/${raised.id}`);

  // This server, 15 minutes around: the list narrows, the drawer stays on the event.
  await page.getByTestId('drawer-around-link').click();
  await expect(page).toHaveURL(/range=custom/);
  const around = () => (app!.core.callsTo('events:query') as { filter: { servers?: string[]; since?: string; until?: string } }[]).filter((c) => c.filter.servers?.join() === 'dns-1');
  await expect.poll(() => around().length).toBeGreaterThan(0);
  const asked = around().at(-1)!.filter;
  expect(Date.parse(asked.until!) - Date.parse(asked.since!)).toBe(15 * MINUTE);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('event-detail')).toHaveCount(0);
  await expect(page.getByTestId('event-server').first()).toHaveText('Primary');
  expect(new Set(await page.getByTestId('event-server').allTextContents())).toEqual(new Set(['Primary']));

  // Back: the drawer on the narrowed list; back again: the whole list with the drawer open.
  await page.goBack();
  await expect(page.getByTestId('event-detail')).toHaveAttribute('data-event-id', newest.id);
  await page.goBack();
  await expect(page).not.toHaveURL(/range=custom/);
  await expect(page.getByTestId('event-detail')).toHaveAttribute('data-event-id', newest.id);
  await page.getByTestId('drawer-server-link').click();
  await expect(page.getByTestId('server-detail')).toHaveAttribute('data-server-id', 'dns-1');
});

test('filters live in the URL and a shared link opens an event that is not on the first page', async ({ page }) => {
  let events: ReturnType<typeof seed> = [];
  app = await startFakeApp((core) => (events = seed(core)));
  const old = events[3]!;
  await page.goto(`${app.url}#/events?server=dns-2&q=Quad9&event=${old.id}&at=${encodeURIComponent(old.occurredAt)}`);
  await expect(page.getByTestId('event-detail')).toHaveAttribute('data-event-id', old.id);
  await expect(page.getByTestId('event-search')).toHaveValue('Quad9');
  expect(app.core.callsTo('events:facets').at(-1)).toMatchObject({ filter: { servers: ['dns-2'], search: 'Quad9' } });

  await page.keyboard.press('Escape');
  await page.getByTestId('event-search').fill('Quad9 #398');
  await expect(page).toHaveURL(/q=Quad9\+%23398/);
  await expect(page.getByTestId('event-row')).toHaveCount(1);
  await page.goBack();
  await expect(page.getByTestId('event-search')).toHaveValue('Quad9');
});

// The drawer's severity badge drew "WAR…" at 1280x720: it must read in full at both desk sizes and in both themes.
for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`the severity reads in full in the drawer and the list at ${viewport.width}x${viewport.height} (${scheme})`, async ({ page }) => {
      const severities = ['warning', 'critical', 'error', 'info', 'debug'] as const;
      const events = severities.map((severity, i) => fleetEvent({ severity, title: `A ${severity} event`, occurredAt: new Date(Date.now() - i * MINUTE).toISOString() }));
      app = await startFakeApp((core) => {
        core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
        core.events = events;
      });
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
      for (const e of events) {
        await page.goto(`${app.url}#/events?event=${e.id}&at=${encodeURIComponent(e.occurredAt)}`);
        const badge = page.getByTestId('event-detail').getByTestId('severity-badge');
        await expect(badge).toHaveText(e.severity);
        // Mantine cuts a badge's label with an ellipsis: the label must be as wide as its text.
        const label = badge.locator('.mantine-Badge-label');
        const fits = await label.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
        expect(fits.scroll, `${e.severity}: ${JSON.stringify(fits)}`).toBeLessThanOrEqual(fits.client);
      }
      // So must the list's own badges (plain elements, a 62 px column read "WARN…" behind the drawer).
      await page.goto(`${app.url}#/events?severity=`);
      await expect(page.getByTestId('event-severity')).toHaveCount(severities.length);
      for (const cell of await page.getByTestId('event-severity').all()) {
        const fits = await cell.evaluate((el) => ({ text: el.textContent, scroll: el.scrollWidth, client: el.clientWidth }));
        expect(fits.scroll, `list: ${JSON.stringify(fits)}`).toBeLessThanOrEqual(fits.client);
      }
    });
  }
}
