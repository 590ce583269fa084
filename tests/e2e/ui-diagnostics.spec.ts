/**
 * Issue 18 item 4 in the browser host: Settings -> Diagnostics builds the bundle in the real core
 * (demo fleet, live sessions with real tokens) and offers it as a download; the downloaded zip holds
 * every promised part and neither the demo password nor any JWT.
 */
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { ensureRendererBuilt } from './support/buildRenderer';
import { startApp, type RunningApp } from './support/startApp';

const DEMO_PASSWORD = 'monitor-pass';
let app: RunningApp;

test.beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

test('Settings offers a diagnostics bundle as a download, complete and without secrets', async ({ page }) => {
  await page.goto(app.url);
  // The demo fleet is live (logged in, tokens in memory) before the bundle is made.
  await expect(page.getByTestId('server-tile')).toHaveCount(3, { timeout: 30_000 });
  await expect(page.locator('[data-testid="server-tile"][data-state="live"]')).toHaveCount(3, { timeout: 30_000 });
  await page.evaluate(() => void (window.location.hash = '#/settings'));
  await page.getByTestId('diagnostics-build').click();
  await expect(page.getByTestId('diagnostics-result')).toContainText(/The diagnostics bundle is ready \(\d+ files, [\d,]+ KB\)/, { timeout: 20_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('diagnostics-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^diagnostics-.*\.zip$/);
  const files = Object.fromEntries(Object.entries(unzipSync(await readFile((await download.path())!))).map(([n, b]) => [n, strFromU8(b)]));
  for (const name of ['README.txt', 'versions.json', 'settings.json', 'servers.json', 'inspector.json', 'event-log.json', 'app-health.json', 'logs/web.log']) expect(Object.keys(files)).toContain(name);
  expect(JSON.parse(files['versions.json']!)).toMatchObject({ host: 'web', app: '0.1.0' });
  const inspector = JSON.parse(files['inspector.json']!) as { servers: { serverId: string; status: { state: string } }[] };
  expect(inspector.servers.map((s) => [s.serverId, s.status.state]).sort()).toEqual([['demo-1', 'live'], ['demo-2', 'live'], ['demo-3', 'live']]);
  // The bundle is data: like an export, not without the bridge token.
  expect((await page.request.get(`${new URL(app.url).origin}/exports/${download.suggestedFilename()}`)).status()).toBe(401);
  for (const [name, text] of Object.entries(files)) {
    expect(text.includes(DEMO_PASSWORD), `password in ${name}`).toBe(false);
    expect(/eyJ[A-Za-z0-9_-]{5,}\./.test(text), `a JWT in ${name}`).toBe(false);
  }
});
