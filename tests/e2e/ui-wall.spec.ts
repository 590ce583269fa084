/**
 * Issue 14.1, wall mode: at 3840x2160 the fleet was five columns of 11 px text with half the screen
 * empty. With ?wall=1 (or F11) every one of 50 servers is on screen, problems first, in type that
 * reads from 4 m (>= 28 px), under the fleet summary as a banner and without the app's chrome;
 * 200 servers still fit one screen.
 */
import { expect, test, type Page } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { wallFleet } from './support/largeFleet';

const WALL = { width: 3840, height: 2160 };

/** Every tile's box inside the viewport, and the smallest type of any text in a tile. */
async function measure(page: Page): Promise<{ tiles: number; outside: string[]; minFontPx: number }> {
  return page.evaluate(() => {
    const tiles = [...document.querySelectorAll<HTMLElement>('[data-testid="server-tile"]')];
    const outside = tiles.filter((t) => {
      const r = t.getBoundingClientRect();
      return r.top < 0 || r.left < 0 || r.bottom > window.innerHeight + 0.5 || r.right > window.innerWidth + 0.5 || r.height < 10;
    });
    let minFontPx = Infinity;
    for (const t of tiles) {
      const walker = document.createTreeWalker(t, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim() || !n.parentElement) continue;
        minFontPx = Math.min(minFontPx, parseFloat(getComputedStyle(n.parentElement).fontSize));
      }
    }
    return { tiles: tiles.length, outside: outside.map((t) => t.dataset.serverId ?? '?'), minFontPx };
  });
}

test.describe('50 servers on a 4K wall', () => {
  let app: FakeApp;
  test.beforeAll(async () => {
    app = await startFakeApp(wallFleet(50));
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('?wall=1: all 50 tiles on screen, problems first, >= 28 px type, the summary as a banner, no chrome', async ({ page }) => {
    await page.setViewportSize(WALL);
    await page.goto(`${app.url}&wall=1`);
    await expect(page.getByTestId('wall-view')).toBeVisible();
    await expect(page.getByTestId('server-tile')).toHaveCount(50);
    await expect(page.getByTestId('wall-banner-text')).toHaveText('6 critical · 5 blind · 39 ok');
    await expect(page.getByTestId('wall-banner-level')).toHaveText('Critical');
    const m = await measure(page);
    expect(m.outside, 'tiles outside the screen').toEqual([]);
    expect(m.minFontPx).toBeGreaterThanOrEqual(28);
    const bannerPx = await page.getByTestId('wall-banner-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(bannerPx).toBeGreaterThanOrEqual(56);

    const levels = await page.getByTestId('server-tile').evaluateAll((els) => els.map((e) => e.getAttribute('data-verdict')));
    expect(levels.slice(0, 11)).toEqual([...Array(6).fill('critical'), ...Array(5).fill('blind')]);
    // Colour is never alone: each tile says its level in a word, with its reason.
    await expect(page.getByTestId('server-tile').first().getByTestId('wall-tile-level')).toHaveText('Critical');
    await expect(page.getByTestId('server-tile').first().getByTestId('verdict-reason')).toHaveText('BIND is not running');

    // No chrome: no navigation, no app header, and a raised alert makes no toast.
    await expect(page.getByRole('link', { name: 'Alerts' })).toHaveCount(0);
    await expect(page.getByTestId('fleet-summary')).toHaveCount(0);
    app.core.raiseAlert({ serverId: 'wall-001', key: 'bind', rule: 'bind-down', title: 'BIND is not running', severity: 'critical' });
    await expect(page.locator('[data-testid="server-tile"][data-server-id="wall-001"]')).toHaveAttribute('data-verdict', 'critical');
    await expect(page.getByTestId('alert-toast')).toHaveCount(0);
    await expect(page.getByTestId('wall-banner-text')).toHaveText('7 critical · 5 blind · 38 ok');
  });

  test('F11 leaves wall mode and enters it again; the address says which', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${app.url}#/fleet?wall=1`);
    await expect(page.getByTestId('wall-view')).toBeVisible();
    await page.keyboard.press('F11');
    await expect(page.getByTestId('wall-view')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Alerts' })).toBeVisible();
    await expect(page).toHaveURL(/#\/fleet$/);
    await page.getByRole('link', { name: 'Events' }).click();
    await page.keyboard.press('F11');
    await expect(page.getByTestId('wall-view')).toBeVisible();
    await expect(page).toHaveURL(/#\/fleet\?wall=1$/);
  });
});

test('200 servers fit one 4K screen in wall mode, no text under 12 px, and make a one-line table at a desk', async ({ page }) => {
  const app = await startFakeApp(wallFleet(200));
  try {
    await page.setViewportSize(WALL);
    await page.goto(`${app.url}#/fleet?wall=1`);
    await expect(page.getByTestId('server-tile')).toHaveCount(200);
    const m = await measure(page);
    expect(m.outside, 'tiles outside the screen').toEqual([]);
    expect(m.minFontPx).toBeGreaterThanOrEqual(12);
    const scrolls = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
    expect(scrolls).toBe(false);

    // At a desk the same 200 servers are one line each, problems first.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${app.url}#/fleet?density=table`);
    await expect(page.getByTestId('server-row')).toHaveCount(200);
    const first = await page.getByTestId('server-row').evaluateAll((rows) => rows.slice(0, 3).map((r) => r.getAttribute('data-verdict')));
    expect(first).toEqual(['critical', 'critical', 'critical']);
    const rowPx = await page.getByTestId('server-row').first().evaluate((r) => r.getBoundingClientRect().height);
    expect(rowPx).toBeLessThanOrEqual(40); // one line per server
  } finally {
    await app.close();
  }
});
