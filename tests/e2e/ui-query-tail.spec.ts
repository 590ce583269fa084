/**
 * The live query tail (issue 18 item 3) on a server's Queries tab, over the scripted fake core: what
 * a row says, filters, pause, the link to the same filter over history, and the honest notes.
 */
import { expect, test, type Page } from '@playwright/test';
import type { FleetEvent } from '../../shared/domain/fleetEvent';
import type { FakeCore } from './support/FakeCore';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { fleetEvent, serverStatus } from './support/fakeData';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

function sample(domain: string, client: string, blocked = false, over: Partial<FleetEvent> = {}): FleetEvent {
  const title = `${blocked ? 'Blocked' : 'Allowed'} A ${domain} from ${client}`;
  return fleetEvent({ serverId: 'dns-1', type: 'query_update', category: 'dns', severity: 'debug', derived: false, title, summary: title.toLowerCase(), data: { domain, queryType: 'A', clientIp: client, blocked, responseTime: 0, qps: 4 }, ...over });
}

async function openTail(page: Page, core: (c: FakeCore) => void): Promise<void> {
  app = await startFakeApp((c) => {
    c.setServer(serverStatus('dns-1', 'live', { name: 'Primary', stack: 'unified' }));
    core(c);
  });
  await page.goto(`${app.url}#/server/dns-1`);
  await page.getByRole('tab', { name: 'Queries' }).click();
  await expect(page.getByTestId('query-tail')).toBeVisible();
}

const domains = (page: Page) => page.getByTestId('query-domain').allTextContents();

test('the tail lists query samples newest first, with domain, type, client, verdict and response time, and says it is a sample', async ({ page }) => {
  await openTail(page, (c) => c.appendEvents([sample('old.example', '10.0.0.1')]));
  await expect(page.getByTestId('query-tail-note')).toContainText('every 10th query');
  await expect(page.getByTestId('query-tail-note')).toContainText('not a full query log');
  await expect(page.getByTestId('query-row')).toHaveCount(1);
  app!.core.appendEvents([sample('ads.tracker.io', '10.0.0.7', true), sample('<img src=x onerror=alert(1)>', '10.0.0.8')]);
  await expect(page.getByTestId('query-row')).toHaveCount(3);
  expect(await domains(page)).toEqual(['<img src=x onerror=alert(1)>', 'ads.tracker.io', 'old.example']);
  const blocked = page.locator('[data-testid="query-row"][data-blocked="true"]');
  await expect(blocked).toContainText('blocked');
  await expect(blocked.getByTestId('query-client')).toHaveText('10.0.0.7');
  await expect(blocked.getByTestId('query-type')).toHaveText('A');
  await expect(blocked).toContainText('not measured'); // the server's 0.0: BIND's log has no timing
  expect(await page.locator('[data-testid="query-tail"] img').count()).toBe(0);
});

test('filters by client, domain substring and blocked only, and links the same filter over history', async ({ page }) => {
  await openTail(page, (c) => c.appendEvents([sample('mail.corp.local', '10.0.0.1'), sample('ads.tracker.io', '10.0.0.2', true), sample('www.tracker.net', '10.0.0.2'), sample('cdn.static.org', '10.0.0.3')]));
  await expect(page.getByTestId('query-row')).toHaveCount(4);
  await page.getByTestId('tail-domain').fill('TRACKER');
  expect(await domains(page)).toEqual(['www.tracker.net', 'ads.tracker.io']);
  await page.getByTestId('tail-client').fill('10.0.0.2');
  await page.getByTestId('tail-blocked').check();
  expect(await domains(page)).toEqual(['ads.tracker.io']);
  const link = page.getByTestId('tail-history');
  const href = (await link.getAttribute('href'))!;
  const q = new URLSearchParams(href.split('?')[1]);
  expect(q.getAll('server')).toEqual(['dns-1']);
  expect(q.getAll('type')).toEqual(['query_update']);
  expect(q.getAll('severity')).toEqual(['']); // telemetry is debug: every severity
  expect(q.get('q')).toBe('client:10.0.0.2 domain:*TRACKER* blocked:yes');
  await link.click();
  await expect(page.getByTestId('event-search')).toHaveValue('client:10.0.0.2 domain:*TRACKER* blocked:yes');
});

test('pause freezes the rows and counts what arrives; resume shows it', async ({ page }) => {
  await openTail(page, (c) => c.appendEvents([sample('first.example', '10.0.0.1')]));
  await expect(page.getByTestId('query-row')).toHaveCount(1);
  await page.getByTestId('tail-pause').click();
  await expect(page.getByTestId('tail-pause')).toHaveText('Resume');
  app!.core.appendEvents([sample('second.example', '10.0.0.1'), sample('third.example', '10.0.0.1')]);
  await expect(page.getByTestId('tail-state')).toHaveText('Paused: 2 new samples since');
  expect(await domains(page)).toEqual(['first.example']);
  await page.getByTestId('tail-pause').click();
  await expect(page.getByTestId('query-row')).toHaveCount(3);
  expect((await domains(page))[0]).toBe('third.example');
});

test('a server on the legacy stack is said to send no query samples', async ({ page }) => {
  app = await startFakeApp((c) => c.setServer(serverStatus('dns-1', 'live', { name: 'Primary', stack: 'legacy' })));
  await page.goto(`${app.url}#/server/dns-1`);
  await page.getByRole('tab', { name: 'Queries' }).click();
  await expect(page.getByTestId('query-tail-note')).toContainText('legacy stack, which sends no query samples');
  await expect(page.getByTestId('query-list')).toContainText('No query samples match yet.');
});
