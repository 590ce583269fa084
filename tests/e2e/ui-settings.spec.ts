/** The Settings page edits the core's alerting policy, with a preview computed from stored alerts. */
import { expect, test } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { serverStatus } from './support/fakeData';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

const HOUR = 3_600_000;

test('editing the policy updates the preview; saving applies it; a quiet window that cannot apply is said in words', async ({ page }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
    const at = (h: number) => new Date(Date.now() - h * HOUR).toISOString();
    for (const severity of ['error', 'error', 'warning', 'info'] as const) core.raiseAlert({ severity, raisedAt: at(2), status: 'resolved', resolvedAt: at(1) });
    core.raiseAlert({ severity: 'error', raisedAt: at(30) }); // older than a day: not counted
  });
  await page.goto(`${app.url}#/settings`);
  const preview = page.getByTestId('policy-preview');
  await expect(preview).toHaveText('In the last 24 h this policy would have notified 3 times, for 4 alerts.');

  await page.getByRole('combobox', { name: 'Notify from severity' }).click();
  await page.getByRole('option', { name: 'Error' }).click();
  await expect(preview).toHaveText('In the last 24 h this policy would have notified 2 times, for 4 alerts.');

  await page.getByRole('switch', { name: 'Quiet hours' }).check();
  await page.getByLabel('Quiet from', { exact: true }).fill('07:00');
  await page.getByLabel('Quiet until', { exact: true }).fill('07:00');
  await expect(page.getByTestId('policy-problem')).toHaveText('Start and end are the same time, so quiet hours would never apply.');
  await expect(page.getByTestId('policy-save')).toBeDisabled();
  await page.getByLabel('Quiet from', { exact: true }).fill('22:00');
  await expect(page.getByTestId('policy-problem')).toHaveCount(0);

  await page.getByTestId('policy-save').click();
  await expect(page.getByTestId('policy-saved')).toBeVisible();
  expect(app.core.policy).toMatchObject({ minSeverity: 'error', quietHours: { start: '22:00', end: '07:00' }, escalateEveryMinutes: 0 });

  // Another window (or host) changing the policy is pushed here, not re-read.
  app.core.setPolicy({ ...app.core.policy, minSeverity: 'critical' });
  await expect(page.getByRole('combobox', { name: 'Notify from severity' })).toHaveValue('Critical');
});
