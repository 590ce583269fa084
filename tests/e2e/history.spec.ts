/**
 * Charts and the forwarder matrix against the real app (browser host + core + three emulated
 * servers): a BIND reload and a connection gap this test causes are annotated on the server's
 * charts, and the dashboard's matrix follows an emulator's forwarder going down and coming back.
 */
import { expect, test, type Page } from '@playwright/test';
import { demoServerOptions } from '../../electron/emulator/demoFleet';
import { ensureRendererBuilt } from './support/buildRenderer';
import { emulatorControl, startApp, type RunningApp } from './support/startApp';

let app: RunningApp;

test.beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startApp({ healthIntervalMs: 1000 });
});
test.afterAll(async () => {
  await app?.stop();
});

async function allLive(page: Page): Promise<void> {
  await page.goto(app.url);
  await expect(page.locator('[data-testid="server-tile"][data-state="live"]')).toHaveCount(3, { timeout: 30_000 });
}

test('a BIND reload and a connection gap caused here are drawn on the server charts and told in words', async ({ page }) => {
  test.setTimeout(120_000);
  await allLive(page);
  const first = app.emulators[0]!;
  // The demo links are legacy sockets (stack auto); today's servers never push bind_reload (§5.3), a future one may.
  const frame = JSON.stringify({ type: 'bind_reload', data: { message: 'rndc reload: server reload successful' }, timestamp: new Date().toISOString() });
  await emulatorControl(first.url, 'raw', { stack: 'legacy', frame });
  // What today's servers do show: BIND stopping and starting again (derived from their status).
  await emulatorControl(first.url, 'bind', { running: false });
  await emulatorControl(first.url, 'push-system', {});
  await page.goto(`${app.url}#/server/demo-1?tab=charts&range=15m`);
  const reload = page.locator('[data-testid="annotation"][data-kind="bind-reload"]');
  await expect(reload).toHaveCount(1, { timeout: 20_000 });
  await expect(reload).toContainText('BIND reloaded');
  await expect(page.locator('[data-testid="annotation"][data-kind="bind-down"]')).toHaveCount(1, { timeout: 20_000 });
  await emulatorControl(first.url, 'bind', { running: true });
  await emulatorControl(first.url, 'push-system', {});
  await expect(page.locator('[data-testid="annotation"][data-kind="bind-restart"]')).toHaveCount(1, { timeout: 20_000 });

  // The server goes away for a few seconds: while it is away the gap is open ("Not live since"),
  // and once it is back the recorded gap is a closed, shaded span.
  await emulatorControl(first.url, 'restart', { downMs: 4000 });
  await expect(page.locator('[data-testid="annotation"][data-kind="gap"]').filter({ hasText: 'Not live since' })).toHaveCount(1, { timeout: 20_000 });
  const closed = page.locator('[data-testid="annotation"][data-kind="gap"]').filter({ hasText: /Not live for \d+ s/ });
  await expect(closed).toHaveCount(1, { timeout: 60_000 });
  await expect(page.locator('[data-testid="annotation"][data-kind="gap"]').filter({ hasText: 'Not live since' })).toHaveCount(0);

  const qps = page.getByTestId('chart-qps');
  await expect(qps.locator('.recharts-reference-area')).toHaveCount(1);
  await expect(qps.locator('.recharts-reference-line')).toHaveCount(3); // reload, BIND down, BIND running again
});

test('the dashboard matrix follows a forwarder going down on one server and coming back', async ({ page }) => {
  test.setTimeout(120_000);
  await allLive(page);
  const third = app.emulators[2]!;
  const name = demoServerOptions(2).forwarders![0]!.name;
  await page.getByRole('link', { name: 'Dashboard' }).click();
  const cell = page.locator(`[data-testid="matrix-row"][data-server-id="demo-3"] td[data-forwarder="${name}"] [data-testid="matrix-cell"]`);
  const column = page.getByTestId('matrix-column').filter({ hasText: name });
  await expect(cell).toHaveAttribute('data-status', 'healthy', { timeout: 20_000 });

  await emulatorControl(third.url, 'forwarder', { id: 1, status: 'unhealthy', pushNow: true });
  await expect(cell).toHaveAttribute('data-status', 'unhealthy', { timeout: 20_000 });
  await expect(cell).toContainText('unhealthy');
  await expect(column).toContainText(/unhealthy on 1 of \d servers/);

  await emulatorControl(third.url, 'forwarder', { id: 1, status: 'healthy', pushNow: true });
  await expect(cell).toHaveAttribute('data-status', 'healthy', { timeout: 20_000 });
  await expect(column).toContainText(/no problem reported on \d servers/);

  await cell.click();
  await expect(page).toHaveURL(/#\/server\/demo-3$/);
});
