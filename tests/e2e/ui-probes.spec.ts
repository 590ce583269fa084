/** The server page's Probes tab (issue 16): last result, latency and rcode per probe, honest when there is none. */
import { expect, test } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { serverStatus } from './support/fakeData';
import { mixedProbes, probeResult } from './support/fakeProbes';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('a server not probed yet says so, then shows the first set as it arrives', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' })));
  await page.goto(`${app.url}#/server/dns-1`);
  await page.getByRole('tab', { name: 'Probes' }).click();
  await expect(page.getByTestId('probes-not-yet')).toHaveText('Not probed yet: the first probe set runs within one interval.');
  await expect(page.getByTestId('probe-target')).toContainText('127.0.0.1:53 over UDP · every 30 s · last set never');

  app.core.setProbes({ serverId: 'dns-1', intervalMs: 30_000, lastSetAt: new Date().toISOString(), target: '127.0.0.1:53 over UDP', results: [probeResult('public')] });
  await expect(page.getByTestId('probe-row')).toHaveCount(1);
  await expect(page.getByTestId('probe-row')).toContainText('3.4 ms');
  await expect(page.getByTestId('probes-not-yet')).toHaveCount(0);
});

test('each probe shows its result, latency and rcode; a timeout says "probe failed: timeout"', async ({ page }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
    core.setProbes(mixedProbes('dns-1'));
  });
  await page.goto(`${app.url}#/server/dns-1`);
  await page.getByRole('tab', { name: 'Probes' }).click();
  const row = (probe: string) => page.locator(`[data-testid="probe-row"][data-probe="${probe}"]`);
  await expect(row('soa:corp.local')).toContainText('SOA corp.local');
  await expect(row('soa:corp.local')).toContainText('ok');
  await expect(row('soa:corp.local')).toContainText('2.1 ms');
  await expect(row('soa:corp.local')).toContainText('NOERROR');
  await expect(row('public')).toContainText('no answer');
  await expect(row('public')).toContainText('probe failed: timeout after 2000 ms');
  await expect(row('blocked')).toContainText('wrong answer');
  await expect(row('blocked')).toContainText('resolves to 198.51.100.9: not blocked');
  await expect(row('internal')).toContainText('not configured');
  // Overview is still the first tab and holds what the page showed before.
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByTestId('forwarder-table').or(page.getByText('No forwarders reported.'))).toBeVisible();
});
