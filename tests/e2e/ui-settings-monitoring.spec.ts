/**
 * The real app (browser host + core, no servers): the Settings page's DNS probes and Query analytics
 * sections save through the core into settings.json; a reload shows what was saved, an invalid value
 * is said under its field and never saved; a change made with `dnsfleet settings set` shows at once.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureRendererBuilt } from './support/buildRenderer';
import { startApp, type RunningApp } from './support/startApp';

let app: RunningApp;

test.beforeAll(async () => {
  await ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'dnsfleet-e2e-settings-'));
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ version: 3 }));
  app = await startApp({ demo: false, dataDir });
});
test.afterAll(async () => {
  await app?.stop();
});

const saved = () => JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as { probes: Record<string, unknown>; analytics: Record<string, unknown> };

test('the probe interval and the QPS band are saved to settings.json and shown after a reload; an invalid interval is refused in words', async ({ page }) => {
  await page.goto(`${app.url}#/settings`);
  const interval = page.getByLabel('Probe every (seconds)');
  const band = page.getByLabel('Unusual query rate band (percent)');
  await expect(interval).toHaveValue('30');
  await expect(band).toHaveValue('40');

  // Out of the schema's bounds: said under the field, Save stays off, nothing reaches the file.
  await interval.fill('0');
  await expect(page.getByTestId('probes-settings')).toContainText('Must be from 1 to 3600 seconds');
  await expect(page.getByTestId('probes-save')).toBeDisabled();
  await interval.fill('3601');
  await expect(page.getByTestId('probes-settings')).toContainText('Must be from 1 to 3600 seconds');
  await expect(page.getByTestId('probes-save')).toBeDisabled();

  await interval.fill('45');
  await expect(page.getByTestId('probes-settings')).not.toContainText('Must be from');
  await page.getByTestId('probes-save').click();
  await expect(page.getByTestId('probes-saved')).toBeVisible();
  await band.fill('55');
  await page.getByTestId('analytics-save').click();
  await expect(page.getByTestId('analytics-saved')).toBeVisible();
  expect(saved().probes.intervalSeconds).toBe(45);
  expect(saved().analytics.qpsBandPercent).toBe(55);

  // An invalid value typed and left unsaved: the reload shows what the core holds.
  await band.fill('96');
  await expect(page.getByTestId('analytics-settings')).toContainText('Must be from 5 to 95 percent');
  await expect(page.getByTestId('analytics-save')).toBeDisabled();
  await page.reload();
  await expect(page.getByLabel('Probe every (seconds)')).toHaveValue('45');
  await expect(page.getByLabel('Unusual query rate band (percent)')).toHaveValue('55');
  expect(saved().analytics.qpsBandPercent).toBe(55);
});

test('`dnsfleet settings set` from a shell while the page is open shows on the page without a reload', async ({ page }) => {
  await page.goto(`${app.url}#/settings`);
  const minQps = page.getByLabel('Ignore servers below (queries per second)');
  await expect(minQps).toHaveValue('1');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'electron/hosts/cli.ts', 'settings', 'set', '--data-dir', app.dataDir, 'analytics.qpsMinQps', '7']);
  expect(stdout).toBe('analytics.qpsMinQps 7\n');
  await expect(minQps).toHaveValue('7');
});
