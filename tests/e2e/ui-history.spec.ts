/**
 * Charts that tell the truth (issue 14 item 5), on the scripted core: the range lives in the URL,
 * annotations are drawn and told in words, forwarder history is a timeline with words, and the
 * dashboard's server x forwarder matrix leads to the server.
 */
import { expect, test } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { forwarders, serverStatus } from './support/fakeData';
import { scriptHistory } from './support/scenarios';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('the server page has a Charts tab whose range lives in the URL (back and forward work)', async ({ page }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
    scriptHistory(core, 'dns-1');
  });
  await page.goto(`${app.url}#/server/dns-1`);
  await page.getByRole('tab', { name: 'Charts' }).click();
  await expect(page).toHaveURL(/#\/server\/dns-1\?tab=charts$/);
  await expect(page.getByTestId('server-charts')).toHaveAttribute('data-range', '1h');
  await page.getByTestId('range-picker').getByText('24 h').click();
  await expect(page).toHaveURL(/tab=charts&range=24h/);
  await expect(page.getByTestId('server-charts')).toHaveAttribute('data-range', '24h');
  const asked = app.core.calls.filter((c) => c.channel === 'metrics:history').map((c) => (c.payload as { range: string }).range);
  expect(asked).toContain('24h');
  await page.goBack();
  await expect(page.getByTestId('server-charts')).toHaveAttribute('data-range', '1h');
  // A shared link opens the same view.
  await page.goto(`${app.url}#/server/dns-1?tab=charts&range=7d`);
  await expect(page.getByTestId('server-charts')).toHaveAttribute('data-range', '7d');
  await expect(page.getByTestId('range-picker').locator('input[value="7d"]')).toBeChecked();
  // Day-long ranges carry the date on the time axis; the QPS axis starts at zero.
  const qps = page.getByTestId('chart-qps');
  await expect(qps.locator('text.recharts-cartesian-axis-tick-value[orientation="bottom"]').first()).toHaveText(/^[A-Z][a-z]{2} \d{2} \d{2}:\d{2}$/);
  await expect(qps.locator('text.recharts-cartesian-axis-tick-value[orientation="left"]').first()).toHaveText('0');
});

test('annotations are drawn on the charts and said in words, hostile text stays text', async ({ page }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
    scriptHistory(core, 'dns-1');
    core.history.annotations.get('dns-1')!.push({ kind: 'zone-change', agoMs: 600_000, text: 'Zone updated: <img src=x onerror="window.pwned=1">' });
  });
  await page.goto(`${app.url}#/server/dns-1?tab=charts`);
  const list = page.getByTestId('annotation');
  await expect(list).toHaveCount(5);
  await expect(page.locator('[data-testid="annotation"][data-kind="bind-reload"]')).toContainText('Reload');
  await expect(page.locator('[data-testid="annotation"][data-kind="bind-reload"]')).toContainText('rndc reload by ops');
  await expect(page.locator('[data-testid="annotation"][data-kind="gap"]')).toContainText('Not live');
  await expect(page.locator('[data-testid="annotation"][data-kind="maintenance"]')).toContainText('kernel update');
  await expect(page.locator('[data-testid="annotation"][data-kind="zone-change"]')).toContainText('<img src=x onerror="window.pwned=1">');
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  // On each chart: two shaded spans (gap, maintenance) and three lines (reload, config, zone).
  const qps = page.getByTestId('chart-qps');
  await expect(qps.locator('.recharts-reference-area')).toHaveCount(2);
  await expect(qps.locator('.recharts-reference-line')).toHaveCount(3);
  // The tooltip over the shaded gap says what happened there.
  const area = qps.locator('.recharts-reference-area').first();
  const box = (await area.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('chart-tooltip').first()).toContainText('Not live: Not live for 360 s');
});

test('forwarder history is a timeline per forwarder, each span told by a word', async ({ page }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
    scriptHistory(core, 'dns-1');
  });
  await page.goto(`${app.url}#/server/dns-1?tab=charts`);
  const quad9 = page.locator('[data-testid="forwarder-timeline"][data-forwarder="Quad9"]');
  await expect(quad9.getByTestId('forwarder-span')).toHaveCount(3);
  expect(await quad9.getByTestId('forwarder-span').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['healthy', 'unknown', 'unhealthy']);
  await expect(quad9.getByTestId('forwarder-span').nth(2)).toHaveAttribute('aria-label', /^unhealthy from \d{2}:\d{2} to \d{2}:\d{2}$/);
  await expect(quad9).toContainText('unknown 6 min, unhealthy 30 min');
  await expect(quad9).toContainText('latency not reported by this server');
  await expect(page.locator('[data-testid="forwarder-timeline"][data-forwarder="Cloudflare"]')).toContainText('healthy throughout');
});

test('the dashboard shows fleet sums and a server x forwarder matrix whose cells lead to the server', async ({ page }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('a', 'live', { name: 'dns-a', forwarders: forwarders(1, 2) })); // Quad9 unhealthy
    core.setServer(serverStatus('b', 'live', { name: 'dns-b', forwarders: forwarders(1, 3) })); // Quad9, Google unhealthy
    core.setServer(serverStatus('c', 'reconnecting', { name: 'dns-c', forwarders: forwarders(3, 3) }));
  });
  await page.goto(`${app.url}#/dashboard`);
  await expect(page.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('data-active', 'true');
  const columns = page.getByTestId('matrix-column');
  await expect(columns).toHaveCount(3);
  await expect(columns.first()).toContainText('Quad9');
  await expect(columns.first()).toContainText('unhealthy on 2 of 3 servers');
  const row = (id: string) => page.locator(`[data-testid="matrix-row"][data-server-id="${id}"]`);
  await expect(row('b').getByTestId('matrix-cell').first()).toHaveAttribute('data-status', 'unhealthy');
  await expect(row('b').getByTestId('matrix-cell').first()).toContainText('unhealthy');
  // A server the app cannot see is never green: unknown, with what it last said.
  await expect(row('c').getByTestId('matrix-cell').first()).toHaveAttribute('data-status', 'unknown');
  await expect(row('c').getByTestId('matrix-cell').first()).toContainText('(last: healthy)');
  await expect(row('c')).toContainText('not live (reconnecting)');
  await expect(row('a').locator('td').nth(2)).toContainText('not used'); // columns: Quad9, Google, Cloudflare (failing first)
  // The fleet sums say who reported.
  await expect(page.getByTestId('fleet-history-coverage')).toHaveText('All 3 servers reported throughout.');
  await page.getByTestId('range-picker').getByText('7 d').click();
  await expect(page).toHaveURL(/#\/dashboard\?range=7d$/);
  // The matrix follows a change pushed by the core.
  app.core.setServer(serverStatus('a', 'live', { name: 'dns-a', forwarders: forwarders(2, 2) }));
  await expect(columns.filter({ hasText: 'Quad9' })).toContainText('unhealthy on 1 of 3 servers');
  await expect(row('a').getByTestId('matrix-cell').first()).toHaveAttribute('data-status', 'healthy');
  await row('b').locator('[data-testid="matrix-cell"][data-status="unhealthy"]').first().click();
  await expect(page).toHaveURL(/#\/server\/b$/);
  await expect(page.getByTestId('server-detail')).toHaveAttribute('data-server-id', 'b');
});
