/** Query analytics (issue 16): the server page's Analytics tab and the fleet-wide section. */
import { expect, test } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { sampleAnalytics } from './support/fakeAnalytics';
import { serverStatus } from './support/fakeData';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('the Analytics tab shows top lists, ratios and the rate against its usual band, labelled as from samples', async ({ page }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
    core.analytics.set('dns-1', sampleAnalytics('dns-1'));
  });
  await page.goto(`${app.url}#/server/dns-1`);
  await page.getByRole('tab', { name: 'Analytics' }).click();
  const panel = page.getByTestId('server-analytics');
  await expect(panel.getByTestId('top-domains-row')).toHaveCount(3);
  await expect(panel.getByTestId('top-domains-row').first()).toContainText('intranet.corp.local');
  // A hostile domain is text, and an estimate says how far off it may be.
  await expect(panel.getByTestId('top-domains-row').nth(2)).toContainText('<img src=x onerror=alert(1)>.evil.example');
  await expect(panel.getByTestId('top-domains-row').nth(2)).toContainText('≤ 40 (≥ 37)');
  await expect(panel.locator('img')).toHaveCount(0);
  await expect(panel.getByTestId('top-clients-row').first()).toContainText('192.168.10.24');
  await expect(panel.getByTestId('analytics-blocked')).toHaveText('8.0 %');
  await expect(panel.getByTestId('analytics-nxdomain')).toHaveText('unknown');
  await expect(panel).toContainText('no response code');
  await expect(panel.getByTestId('analytics-source')).toContainText('samples');
  await expect(panel.getByTestId('baseline-state')).toHaveText('below usual');
  await expect(panel.getByTestId('baseline-band')).toContainText('60.0–167');
  await expect(panel.getByTestId('baseline-current')).toHaveText('48.0');

  await page.getByText('24 hours').click();
  await expect.poll(() => app!.core.calls.filter((c) => c.channel === 'analytics:get').map((c) => (c.payload as { range: string }).range)).toContain('24h');
});

test('a server still learning says so, with how far it has got', async ({ page }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
    core.analytics.set('dns-1', sampleAnalytics('dns-1', { state: 'learning', expectedQps: null, bandLowQps: null, bandHighQps: null, learnedHours: 6, detail: 'Learning: 6 of 24 hours of history seen; 80.0 qps now.' }));
  });
  await page.goto(`${app.url}#/server/dns-1`);
  await page.getByRole('tab', { name: 'Analytics' }).click();
  await expect(page.getByTestId('baseline-state')).toHaveText('learning');
  await expect(page.getByTestId('baseline-detail')).toHaveText('Learning: 6 of 24 hours of history seen; 80.0 qps now.');
  await expect(page.getByRole('progressbar', { name: 'Learning: 6 of 24 hours' })).toBeVisible();
});

test('the fleet page has a fleet-wide analytics section with every server baseline', async ({ page }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
    core.setServer(serverStatus('dns-2', 'live', { name: 'Secondary' }));
    const fleet = sampleAnalytics(null, { serverId: 'dns-1' });
    core.analytics.set('*', { ...fleet, baselines: [...fleet.baselines, { ...fleet.baselines[0]!, serverId: 'dns-2', state: 'normal', currentQps: 95 }] });
  });
  await page.goto(`${app.url}#/fleet`);
  const section = page.getByTestId('fleet-analytics');
  await expect(section.getByTestId('fleet-baseline-row')).toHaveCount(2);
  await expect(section.getByTestId('fleet-baseline-row').first()).toContainText('Primary');
  await expect(section.getByTestId('fleet-baseline-row').first()).toContainText('below usual');
  await expect(section.getByTestId('fleet-baseline-row').nth(1)).toContainText('Secondary');
  await expect(section.getByTestId('top-domains-row').first()).toContainText('intranet.corp.local');
  expect(app.core.calls.find((c) => c.channel === 'analytics:get')?.payload).toMatchObject({ serverId: null });
});
