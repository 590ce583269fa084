/**
 * The events page's counts against the CLI on the same log (issue 14, "wrong counts"): the real
 * core in the browser host over a seeded event log, and `dnsfleet events --json` on that data dir.
 * The header total, the facets and the listed rows must all agree with what the CLI lists.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SqliteEventLog } from '../../electron/core/eventlog/SqliteEventLog';
import type { FleetEvent, Severity } from '../../shared/domain/fleetEvent';
import { ensureRendererBuilt } from './support/buildRenderer';
import { fleetEvent } from './support/fakeData';
import { historyQuery, NO_TAIL_FILTER } from '../../renderer/src/lib/queryTail';
import { startApp, type RunningApp } from './support/startApp';

const run = promisify(execFile);
const SERVERS = ['dns-hq-1', 'dns-hq-2', 'dns-branch-1'];
const SEVERITIES: Severity[] = ['debug', 'info', 'warning', 'error', 'critical', 'debug', 'debug'];
const VISIBLE = ['--severity', 'info', '--severity', 'warning', '--severity', 'error', '--severity', 'critical'];
const MINUTE = 60_000;
let app: RunningApp;
let since: string;

/** Events in the last hour (2..58 min ago) and older ones (2..4 h ago): nothing near the range's edge. */
function seed(now: number): FleetEvent[] {
  const events: FleetEvent[] = [];
  for (let i = 0; i < 300; i++) {
    const recent = i % 3 !== 0;
    const at = new Date(recent ? now - 2 * MINUTE - (i % 56) * MINUTE - i * 7 : now - 2 * 3_600_000 - i * 20_000).toISOString();
    const severity = SEVERITIES[i % SEVERITIES.length]!;
    const quad9 = i % 23 === 0;
    events.push(
      fleetEvent({
        serverId: SERVERS[i % SERVERS.length]!,
        severity,
        category: severity === 'debug' ? 'dns' : 'health',
        type: severity === 'debug' ? 'query_update' : 'forwarder_status_change',
        title: quad9 ? `Forwarder Quad9 is unreachable #${i}` : `Forwarder Cloudflare changed #${i}`,
        occurredAt: at,
        receivedAt: at,
        derived: false,
      }),
    );
  }
  return events;
}

/**
 * Query samples as shape.ts stores them (every one's data holds the key "blocked"), allowed names that
 * contain the word, and an admin broadcast that says it: only the stored flag tells blocked ones apart.
 */
const BLOCKED_ON_HQ1 = 4;
function querySamples(now: number): FleetEvent[] {
  const sample = (serverId: string, i: number, blocked: boolean): FleetEvent => {
    const domain = blocked ? `ads${i}.tracker.io` : `blocked-sites${i}.example.org`;
    const title = `${blocked ? 'Blocked' : 'Allowed'} A ${domain} from 10.0.7.${i}`;
    const at = new Date(now - 5 * MINUTE - i * 1000).toISOString();
    const data = { domain, queryType: 'A', clientIp: `10.0.7.${i}`, blocked, responseTime: 0, qps: 2, queriesToday: 900 + i, blockedToday: 40 };
    return fleetEvent({ serverId, type: 'query_update', category: 'dns', severity: 'debug', derived: false, title, summary: title.toLowerCase(), data, occurredAt: at, receivedAt: at });
  };
  const at = new Date(now - 6 * MINUTE).toISOString();
  return [
    ...Array.from({ length: 3 * BLOCKED_ON_HQ1 }, (_, i) => sample('dns-hq-1', i, i % 3 === 0)),
    ...Array.from({ length: 3 }, (_, i) => sample('dns-hq-2', 100 + i, true)),
    fleetEvent({ serverId: 'dns-hq-1', type: 'admin_broadcast', category: 'system', severity: 'warning', derived: false, title: 'Admin broadcast', summary: 'Port 53 blocked at the firewall from 22:00', data: { message: 'Port 53 blocked at the firewall from 22:00', from_admin: 'admin' }, occurredAt: at, receivedAt: at }),
  ];
}

async function cliCount(dataDir: string, args: string[]): Promise<number> {
  const { stdout } = await run('node_modules/.bin/tsx', ['electron/hosts/cli.ts', 'events', '--data-dir', dataDir, '--json', '--limit', '100000', ...args]);
  return stdout.split('\n').filter((l) => l.trim() !== '').length;
}

async function pick(page: Page, testId: string, option: RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).click();
  await page.keyboard.press('Escape');
}

test.beforeAll(async () => {
  await ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'dnsfleet-e2e-counts-'));
  const now = Date.now();
  since = new Date(now - 60 * MINUTE).toISOString();
  const log = SqliteEventLog.open({ dataDir });
  log.append([...seed(now), ...querySamples(now)]);
  await log.flush();
  await log.close();
  app = await startApp({ demo: false, dataDir });
});
test.afterAll(async () => {
  await app?.stop();
});

test('the total, the facets and the rows agree with the CLI under server, time, severity and search filters', async ({ page }) => {
  const base = ['--server', 'dns-hq-2', '--since', since, ...VISIBLE];
  const [inHour, critical, debug, quad9] = await Promise.all([
    cliCount(app.dataDir, base),
    cliCount(app.dataDir, ['--server', 'dns-hq-2', '--since', since, '--severity', 'critical']),
    cliCount(app.dataDir, ['--server', 'dns-hq-2', '--since', since, '--severity', 'debug']),
    cliCount(app.dataDir, [...base, '--search', 'Quad9']),
  ]);
  expect(quad9).toBeGreaterThan(0);
  expect(quad9).toBeLessThan(12); // few enough that every matching row is in the DOM

  await page.goto(`${app.url}#/events`);
  const header = page.getByTestId('event-histogram');
  await expect(header).toContainText(/\d+ events/);
  await pick(page, 'filter-servers', /^dns-hq-2 \(/);
  await pick(page, 'filter-range', /^Last hour$/);
  await expect(header).toContainText(`${inHour} events`);

  // The severity facets count this server in this hour, each under its own value.
  await page.getByTestId('filter-severities').click();
  await expect(page.getByRole('option', { name: `critical (${critical})` })).toBeVisible();
  await expect(page.getByRole('option', { name: `debug (${debug})` })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByTestId('event-search').fill('Quad9');
  await expect(header).toContainText(`${quad9} events`);
  await expect(page.getByTestId('event-row')).toHaveCount(quad9);
});

test('search finds words by their beginning and reads field terms, counting as the CLI does', async ({ page }) => {
  const typed = 'unreach server:dns-hq-1 severity>=warning';
  const [prefix, fields] = await Promise.all([cliCount(app.dataDir, [...VISIBLE, '--search', 'unreach']), cliCount(app.dataDir, [...VISIBLE, '--search', typed])]);
  expect(prefix).toBeGreaterThan(fields);
  expect(fields).toBeGreaterThan(0);

  await page.goto(`${app.url}#/events`);
  const header = page.getByTestId('event-histogram');
  await page.getByTestId('event-search').fill('unreach');
  await expect(header).toContainText(`${prefix} events`);
  await expect(page.getByTestId('event-row')).toHaveCount(prefix);
  await page.getByTestId('event-search').fill(typed);
  await expect(header).toContainText(`${fields} events`);
  await expect(page.getByTestId('event-row')).toHaveCount(fields);
  for (const server of await page.getByTestId('event-server').allTextContents()) expect(server).toBe('dns-hq-1');
});

test("the query tail's blocked-only history link lists and counts only that server's blocked samples, as the CLI does", async ({ page }) => {
  const cli = BLOCKED_ON_HQ1;
  await page.goto(`${app.url}#/events?${historyQuery('dns-hq-1', { ...NO_TAIL_FILTER, blockedOnly: true })}`);
  // The header's own count ("4 events · 1 s buckets"), not a bucket's "…: 1 events" or a "14 events".
  await expect(page.getByTestId('event-histogram')).toContainText(new RegExp(`^${cli} events ·`));
  await expect(page.getByTestId('event-search')).toHaveValue('blocked:yes');
  const [cliHq1, cliAll] = await Promise.all([
    cliCount(app.dataDir, ['--server', 'dns-hq-1', '--type', 'query_update', '--search', 'blocked:yes']),
    cliCount(app.dataDir, ['--search', 'blocked:yes']),
  ]);
  expect(cliHq1).toBe(cli);
  expect(cliAll).toBe(BLOCKED_ON_HQ1 + 3);
  await expect(page.getByTestId('event-row')).toHaveCount(cli);
  for (const row of await page.getByTestId('event-row').allTextContents()) expect(row).toContain('Blocked A ads');
  // The type facet counts under every filter but the type: the broadcast that says "blocked" is not among them.
  await page.getByTestId('filter-types').click();
  await expect(page.getByRole('option', { name: `query_update (${cli})` })).toBeVisible();
  await expect(page.getByRole('option', { name: /^admin_broadcast/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  // The server facet counts the other server's blocked samples too, as the CLI does.
  await page.getByTestId('filter-servers').click();
  await expect(page.getByRole('option', { name: /^dns-hq-2 \(3\)$/ })).toBeVisible();
  await page.keyboard.press('Escape');
  // The search box says what it takes.
  await expect(page.getByTestId('event-search')).toHaveAttribute('title', /blocked:yes/);
  await expect(page.getByTestId('event-search')).toHaveAttribute('placeholder', /blocked:yes/);
});

test('the browser host offers the finished export as a download holding the filtered rows', async ({ page }) => {
  const expected = await cliCount(app.dataDir, ['--server', 'dns-hq-1', ...VISIBLE]);
  await page.goto(`${app.url}#/events?server=dns-hq-1`);
  await expect(page.getByTestId('event-histogram')).toContainText(`${expected} events`);
  await page.getByTestId('export-button').click();
  await page.getByRole('menuitem', { name: 'CSV' }).click();
  const link = page.getByTestId('export-download');
  await expect(link).toBeVisible({ timeout: 20_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^events-.*\.csv$/);
  const text = await readFile((await download.path())!, 'utf8');
  const records = text.split('\r\n').filter((l) => l !== '');
  expect(records.length - 1).toBe(expected); // a header line, then one line per event
  // An export is data: not without the token; and with it, nothing but export files.
  const url = new URL(app.url);
  const name = download.suggestedFilename();
  expect((await page.request.get(`${url.origin}/exports/${name}`)).status()).toBe(401);
  expect((await page.request.get(`${url.origin}/exports/${name}?token=${url.searchParams.get('token')}`)).status()).toBe(200);
  expect((await page.request.get(`${url.origin}/exports/..%2Fevents.db?token=${url.searchParams.get('token')}`)).status()).toBe(404);
});
