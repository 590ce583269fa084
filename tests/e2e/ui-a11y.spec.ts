/**
 * Accessibility (issue 14): axe-core on every page in both themes, no serious or critical
 * violations (colour contrast included), over the scripted "mixed" fleet with a toast showing.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { mixedProbes } from './support/fakeProbes';
import { scenarios } from './support/scenarios';
import { transitionsSettled } from './support/transitions';
import { fleetEvent } from './support/fakeData';

const querySample = (domain: string, blocked: boolean) =>
  fleetEvent({ serverId: 'dns-fra-2', type: 'query_update', category: 'dns', severity: 'debug', derived: false, title: `${blocked ? 'Blocked' : 'Allowed'} A ${domain}`, data: { domain, queryType: 'A', clientIp: '10.0.4.17', blocked, responseTime: 0 } });

let app: FakeApp;
test.beforeAll(async () => {
  app = await startFakeApp((core) => {
    scenarios.mixed(core);
    core.setProbes(mixedProbes('dns-fra-2'));
    // Alert forwarding: a signed webhook in Settings, and every delivery state in the inbox.
    core.forwarding.config = { minSeverity: 'warning', alertmanagerUrl: 'http://alertmanager.example:9093', webhooks: [{ id: 'ops', url: 'https://hooks.example/dns', format: 'slack', signed: true }] };
    const soon = new Date(Date.now() + 40_000).toISOString();
    const states = [
      { state: 'delivered' as const, attempts: 1, nextAttemptAt: null, lastError: null, deliveredAt: new Date().toISOString() },
      { state: 'pending' as const, attempts: 2, nextAttemptAt: soon, lastError: 'HTTP 503', deliveredAt: null },
      { state: 'rejected' as const, attempts: 1, nextAttemptAt: null, lastError: 'HTTP 400', deliveredAt: null },
    ];
    [...core.alerts.values()].forEach((a, i) =>
      core.forwarding.setDelivery({ alertId: a.id, target: i % 2 ? 'webhook:ops' : 'alertmanager', transition: 'firing', ...states[i % states.length]! }),
    );
    core.forwarding.testResults = [
      { target: 'alertmanager', transition: 'firing', outcome: 'delivered', error: null },
      { target: 'webhook:ops', transition: 'firing', outcome: 'failed', error: 'HTTP 503' },
    ];
  });
});
test.afterAll(async () => {
  await app?.close();
});

const PAGES: { hash: string; ready: string | null; exclude?: string }[] = [
  { hash: '#/fleet', ready: 'server-tile' },
  { hash: '#/fleet?density=compact&group=group', ready: 'server-tile' },
  { hash: '#/fleet?density=table&group=tag&problems=1', ready: 'server-row' },
  { hash: '#/fleet?wall=1', ready: 'wall-view' },
  { hash: '#/alerts', ready: 'alert-delivery' },
  { hash: '#/events', ready: 'event-row' },
  { hash: '#/servers', ready: null },
  { hash: '#/settings', ready: 'webhook-row' },
  { hash: '#/server/dns-fra-2', ready: 'server-detail' },
  { hash: '#/server/dns-fra-2?tab=charts', ready: 'forwarder-timeline' },
  { hash: '#/dashboard', ready: 'matrix-cell' },
];

async function serious(page: Page, exclude?: string): Promise<string[]> {
  // A drawer or dialog half-way through fading in has its text measured against a half-dimmed page:
  // scan what the user reads once the transitions (not endless animations such as a loader) are over.
  await transitionsSettled(page);
  const builder = new AxeBuilder({ page });
  const result = await (exclude ? builder.exclude(exclude) : builder).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' ' + (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)).join(' | ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every page has no serious or critical axe violations (${scheme})`, async ({ page }) => {
    // Every page, tab, drawer, palette and a test alert's results, each scanned in full on a shared two-core machine.
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(app.url);
    for (const p of PAGES) {
      await page.evaluate((h) => void (window.location.hash = h), p.hash);
      if (p.ready) await expect(page.getByTestId(p.ready).first()).toBeVisible();
      expect.soft(await serious(page, p.exclude), p.hash).toEqual([]);
    }
    // The server page's Analytics tab (issue 16).
    await page.evaluate(() => void (window.location.hash = '#/server/dns-fra-2'));
    await page.getByRole('tab', { name: 'Analytics' }).click();
    await expect(page.getByTestId('top-domains-row').first()).toBeVisible();
    expect.soft(await serious(page), 'analytics tab').toEqual([]);
    // The result of a test alert in Settings.
    await page.evaluate(() => void (window.location.hash = '#/settings'));
    await page.getByTestId('send-test-alert').click();
    await expect(page.getByTestId('test-alert-results')).toBeVisible();
    expect(await serious(page), 'test alert results').toEqual([]);
    // The event drawer too.
    await page.evaluate(() => void (window.location.hash = '#/events'));
    await page.getByTestId('event-row').first().click();
    await expect(page.getByTestId('event-detail')).toBeVisible();
    expect(await serious(page), 'event drawer').toEqual([]);
    // The command palette, open with matches.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('dns');
    await expect(page.getByTestId('palette-action').first()).toBeVisible();
    expect(await serious(page), 'command palette').toEqual([]);
    // The server page's Inspector tab: its counters, then the raw frame tail with one frame opened.
    await page.goto(`${app.url}#/server/dns-fra-2`);
    await expect(page.getByTestId('server-detail')).toBeVisible();
    await page.getByTestId('tab-inspector').click();
    await expect(page.getByTestId('inspector-counters')).toBeVisible();
    expect(await serious(page), 'inspector tab').toEqual([]);
    await page.locator('label').filter({ hasText: /^Frames$/ }).click();
    await page.getByTestId('frame-row-toggle').first().click();
    await expect(page.getByTestId('frame-json')).toBeVisible();
    expect(await serious(page), 'inspector frames').toEqual([]);
  });

  test(`the Probes tab and the server form have no serious or critical axe violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${app.url}#/server/dns-fra-2`);
    await page.getByRole('tab', { name: 'Probes' }).click();
    await expect(page.getByTestId('probe-row').first()).toBeVisible();
    expect(await serious(page), 'probes tab').toEqual([]);
    // The server form (with the DNS address and port the probes ask).
    await page.evaluate(() => void (window.location.hash = '#/servers'));
    await page.getByRole('button', { name: 'Add server' }).click();
    await expect(page.getByTestId('dns-host-input')).toBeVisible();
    // Scan the dialog once it has faded in: half-way, its text is measured against a half-dimmed page.
    await expect(page.locator('.mantine-Modal-content')).toHaveCSS('opacity', '1');
    const small = await page.locator('.mantine-Modal-content [class*="-description"]').evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)).filter((px) => px < 12));
    expect(small, 'input descriptions under 12 px').toEqual([]);
    expect(await serious(page), 'server form').toEqual([]);
  });

  test(`the DNS probes and Query analytics settings, with a problem shown, have no serious or critical axe violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${app.url}#/settings`);
    await page.getByLabel('Probe every (seconds)').fill('0');
    await expect(page.getByTestId('probes-settings')).toContainText('Must be from 1 to 3600 seconds');
    await expect(page.getByTestId('analytics-settings')).toBeVisible();
    const small = await page.locator('[data-testid$="-settings"] :is([class*="-description"], [class*="-error"])').evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)).filter((px) => px < 12));
    expect(small, 'descriptions and errors under 12 px').toEqual([]);
    expect(await serious(page), 'probe and analytics settings').toEqual([]);
  });

  test(`the Queries tab has no serious or critical axe violations (${scheme})`, async ({ page }) => {
    // The server page's Queries tab (the live query tail), with a blocked and an allowed sample.
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${app.url}#/server/dns-fra-2`);
    await page.getByRole('tab', { name: 'Queries' }).click();
    await expect(page.getByTestId('query-tail')).toBeVisible();
    app.core.appendEvents([querySample('ads.tracker.io', true), querySample('intranet.corp.local', false)]);
    await expect(page.getByTestId('query-row').nth(1)).toBeVisible();
    expect(await serious(page), 'query tail').toEqual([]);
  });
}

test('the Diagnostics section with a finished bundle has no serious or critical axe violations', async ({ page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${app.url}#/settings`);
    await page.getByTestId('diagnostics-build').click();
    await expect(page.getByTestId('diagnostics-result')).toBeVisible();
    expect(await serious(page), `diagnostics (${scheme})`).toEqual([]);
  }
});

test('a skip link leads past the navigation to the page', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('server-tile').first()).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
});
