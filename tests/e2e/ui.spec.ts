/**
 * Component-level checks of the real renderer over the real browser-host bridge, with a scripted
 * FakeCore instead of servers (fast and deterministic). The real-app flow is in app.spec.ts.
 */
import { expect, test } from '@playwright/test';
import { SERVER_STATES } from '../../shared/domain/serverState';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { fleetEvent, serverStatus } from './support/fakeData';
import { scenarios, seedEvents } from './support/scenarios';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('every connection state has its own badge and its verdict; only an ok verdict is green', async ({ page }) => {
  app = await startFakeApp(scenarios.allStates);
  await page.goto(app.url);
  await expect(page.getByTestId('server-tile')).toHaveCount(SERVER_STATES.length);
  for (const state of SERVER_STATES) {
    const tile = page.locator(`[data-testid="server-tile"][data-state="${state}"]`);
    await expect(tile).toHaveCount(1);
    const badge = tile.locator('[data-testid="state-badge"]');
    await expect(badge).toHaveAttribute('data-state', state);
    await expect(badge.locator('svg')).toHaveCount(1); // an icon, not colour alone
    const level = state === 'live' ? 'ok' : state === 'disabled' ? 'disabled' : 'blind';
    await expect(tile).toHaveAttribute('data-verdict', level);
    await expect(tile.getByTestId('verdict-badge')).toHaveAttribute('data-level', level);
    await expect(tile.getByTestId('verdict-badge').locator('svg')).toHaveCount(1);
  }
  expect(await page.locator('[data-testid="state-badge"]').evaluateAll((els) => els.filter((e) => /green/.test(getComputedStyle(e).getPropertyValue('--badge-bg') + e.getAttribute('style'))).length)).toBe(0);
  const green = await page.locator('[data-testid="server-tile"] [data-testid="verdict-badge"]').evaluateAll((els) => els.filter((e) => /green/.test(getComputedStyle(e).getPropertyValue('--badge-bg') + e.getAttribute('style'))).map((e) => e.getAttribute('data-level')));
  expect(green).toEqual(['ok']);
  await expect(page.locator('[data-state="reconnecting"] [data-testid="state-line"]')).toContainText(/Attempt 3 · next try in \d+ s/);
});

test('the 2FA dialog sends the code and the tile turns live', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'needs-2fa', { name: 'Primary' })));
  await page.goto(app.url);
  const tile = page.locator('[data-server-id="dns-1"]');
  await tile.getByRole('button', { name: 'Enter 2FA code' }).click();
  await expect(page.getByText('Enter the current code for')).toBeVisible();
  await page.keyboard.type('123456');
  await expect(tile).toHaveAttribute('data-state', 'live');
  expect(app.core.callsTo('servers:submitTotp')).toEqual([{ id: 'dns-1', code: '123456' }]);
});

test('a refused 2FA code keeps the dialog open and says so; the next code signs in', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'needs-2fa', { name: 'Primary' })));
  await page.goto(app.url);
  const tile = page.locator('[data-server-id="dns-1"]');
  await tile.getByRole('button', { name: 'Enter 2FA code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Two-factor code' });
  await expect(dialog).toBeVisible();
  await page.keyboard.type('111111');
  await expect(dialog.getByRole('alert')).toHaveText(/refused/i);
  await expect(dialog).toBeVisible();
  await expect(tile).toHaveAttribute('data-state', 'needs-2fa');
  await page.keyboard.type('123456');
  await expect(dialog).toBeHidden();
  await expect(tile).toHaveAttribute('data-state', 'live');
  expect(app.core.callsTo('servers:submitTotp')).toEqual([{ id: 'dns-1', code: '111111' }, { id: 'dns-1', code: '123456' }]);
});

test('trusting a certificate needs a confirmation that shows the fingerprint', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'tls-untrusted', { name: 'Self-signed' })));
  await page.goto(app.url);
  const tile = page.locator('[data-server-id="dns-1"]');
  const fp = app.core.servers.get('dns-1')!.tlsFingerprint!;
  await expect(tile.getByTestId('tile-fingerprint')).toContainText(fp);
  await tile.getByRole('button', { name: 'Trust this certificate' }).click();
  await expect(page.getByTestId('trust-fingerprint')).toHaveText(fp);
  expect(app.core.callsTo('servers:trustCertificate')).toHaveLength(0); // nothing before the confirm
  await page.getByRole('button', { name: 'Yes, trust and pin it' }).click();
  await expect(tile).toHaveAttribute('data-state', 'live');
  expect(app.core.callsTo('servers:trustCertificate')).toEqual([{ id: 'dns-1', fingerprint256: fp }]);
});

test('first run offers the demo fleet', async ({ page }) => {
  app = await startFakeApp();
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Start demo fleet' }).click();
  await expect(page.getByTestId('server-tile')).toHaveCount(3);
  await expect(page.locator('[data-testid="server-tile"][data-state="live"]')).toHaveCount(3);
});

test('events page: filters with facet counts, search, live prepend', async ({ page }) => {
  app = await startFakeApp((core) => {
    for (const id of ['a', 'b']) core.setServer(serverStatus(id, 'live', { name: `Server ${id.toUpperCase()}` }));
    seedEvents(core, ['a', 'b'], 300);
  });
  await page.goto(`${app.url}#/events`);
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  expect(await page.getByTestId('event-row').count()).toBeLessThan(120); // virtualised
  // The explorer opens on what changed: periodic debug telemetry is filtered out until asked for.
  expect(app.core.callsTo('events:query').at(-1)).toMatchObject({ filter: { severities: ['info', 'warning', 'error', 'critical'] } });
  await page.getByTestId('filter-severities').click();
  for (const s of ['info', 'warning', 'error']) await page.getByRole('option', { name: new RegExp(`^${s} \\(\\d+\\)$`) }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('event-row').first().locator('text=critical')).toBeVisible();
  // The newest row may be critical under the old filter too: wait for the request, not for the row.
  await expect.poll(() => app!.core.callsTo('events:query').at(-1)).toMatchObject({ filter: { severities: ['critical'] } });

  await page.getByTestId('event-search').fill('#299');
  await expect(page.getByTestId('event-row')).toHaveCount(1);
  await expect(page.getByTestId('event-title')).toHaveText('BIND stopped #299');
  await page.getByTestId('event-search').fill('');
  await expect(page.getByTestId('event-title').first()).toHaveText('BIND stopped #299');

  app.core.appendEvents([fleetEvent({ serverId: 'b', severity: 'critical', category: 'system', type: 'bind_down', title: 'BIND stopped live' })]);
  await expect(page.getByTestId('event-title').first()).toHaveText('BIND stopped live');
  app.core.appendEvents([fleetEvent({ serverId: 'b', severity: 'info', title: 'filtered out' })]);
  await expect(page.getByText('filtered out')).toHaveCount(0);
});

test('export shows progress until the file is written', async ({ page }) => {
  app = await startFakeApp((core) => seedEvents(core, ['a'], 20));
  await page.goto(`${app.url}#/events`);
  await page.getByTestId('export-button').click();
  await page.getByRole('menuitem', { name: 'NDJSON' }).click();
  await expect.poll(() => app!.core.callsTo('events:export').length).toBe(1);
  app.core.stepExport();
  await expect(page.getByTestId('export-progress')).toContainText('25 %');
  for (let i = 0; i < 3; i++) app.core.stepExport();
  await expect(page.getByTestId('export-progress')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('export-progress')).toContainText('Saved 500 events to /tmp/exports/');
});

test('hostile server strings show as literal text and never run', async ({ page }) => {
  const hostile = '<img src=x onerror=alert(1)>';
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('evil', 'live', { name: hostile, detail: hostile }));
    core.appendEvents([fleetEvent({ serverId: 'evil', title: hostile })]);
  });
  let dialogs = 0;
  page.on('dialog', (d) => void (dialogs++, d.dismiss()));
  await page.goto(app.url);
  await expect(page.getByTestId('server-name')).toHaveText(hostile);
  await page.goto(`${app.url}#/events`);
  await expect(page.getByTestId('event-title')).toHaveText(hostile);
  app.core.raiseAlert({ serverId: 'evil', title: hostile });
  await expect(page.getByTestId('alert-toast')).toContainText(hostile);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('alerts inbox: toast on raise, keyboard navigation and bulk acknowledge with a note', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' })));
  await page.goto(`${app.url}#/alerts`);
  await expect(page.getByTestId('alerts-empty')).toBeVisible();
  const [a, b] = [app.core.raiseAlert({ title: 'First alert', severity: 'error' }), app.core.raiseAlert({ title: 'Second alert', severity: 'critical' })];
  await expect(page.getByTestId('alert-toast').filter({ hasText: 'Primary: Second alert' })).toBeVisible();
  await expect(page.getByTestId('active-alerts')).toHaveText('2 active');
  await expect(page.getByTestId('alert-row')).toHaveCount(2);
  await page.keyboard.press('j');
  await expect(page.locator('[data-focused="true"]')).toHaveAttribute('data-alert-id', a.id);
  await page.keyboard.press('x');
  await page.keyboard.press('k');
  await page.keyboard.press('x');
  await expect(page.getByTestId('selection-count')).toHaveText('2 selected');
  await page.keyboard.press('a');
  await page.getByLabel('Note (optional)').fill('on it');
  await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect(page.getByTestId('alerts-empty')).toBeVisible();
  expect(app.core.callsTo('alerts:acknowledge')).toEqual([{ ids: expect.arrayContaining([a.id, b.id]), note: 'on it' }]);
  await expect(page.getByTestId('active-alerts')).toHaveText('0 active');
});

test('an acknowledged problem stays critical and says acknowledged; maintenance is its own level', async ({ page }) => {
  app = await startFakeApp((core) => {
    core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' }));
    core.setServer(serverStatus('dns-2', 'live', { name: 'Secondary' }));
  });
  await page.goto(app.url);
  const tile = page.locator('[data-server-id="dns-1"]');
  await expect(tile).toHaveAttribute('data-verdict', 'ok');
  const threat = app.core.raiseAlert({ key: 'threat:bad.example', rule: 'threat', severity: 'critical', title: 'Threat bad.example on Primary' });
  await expect(tile).toHaveAttribute('data-verdict', 'critical');
  await expect(page.getByTestId('fleet-summary-text')).toHaveText('1 critical · 1 ok');
  await app.core.handlers['alerts:acknowledge']({ ids: [threat.id], note: 'seen' });
  await expect(tile.getByTestId('verdict-badge')).toHaveText('Critical · acknowledged');
  await expect(tile.getByTestId('verdict-reason')).toHaveText(['acknowledged by tester: Threat bad.example on Primary']);
  await expect(tile).toHaveAttribute('data-verdict', 'critical'); // never ok while the problem lasts
  await expect(page).toHaveTitle('(1 critical) DNS Fleet Monitor');

  await app.core.handlers['alerts:setMaintenance']({ serverId: 'dns-2', untilMs: Date.now() + 3_600_000 });
  await expect(page.locator('[data-server-id="dns-2"]')).toHaveAttribute('data-verdict', 'maintenance');
  await expect(page.getByTestId('fleet-summary-text')).toHaveText('1 critical · 1 maintenance');
});

test('health notices and the lost-connection banner', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live')));
  await page.goto(app.url);
  await expect(page.getByTestId('server-tile')).toHaveCount(1);
  app.core.setHealth({ keychain: { available: false, detail: 'no Secret Service' }, eventLog: { state: 'degraded', detail: 'disk full', backlog: 42 }, notices: [] });
  await expect(page.getByTestId('health-banner-keychain')).toContainText('credentials are kept in memory for this session only');
  await expect(page.getByTestId('health-banner-eventlog')).toContainText('42 events are waiting');
  await app.close();
  app = undefined;
  await expect(page.getByTestId('connection-banner')).toContainText('Lost connection to the app core… reconnecting');
});
