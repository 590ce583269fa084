/** The alert inbox shows one cause on several servers as one incident row naming the servers. */
import { expect, test } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { serverStatus } from './support/fakeData';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

const SERVERS = [
  ['dns-a', 'Alpha'],
  ['dns-b', 'Bravo'],
  ['dns-c', 'Charlie'],
] as const;

test('the same forwarder failing on three servers is one row "3 servers: …"; acknowledging it acknowledges all three', async ({ page }) => {
  app = await startFakeApp((core) => {
    for (const [id, name] of SERVERS) core.setServer(serverStatus(id, 'live', { name }));
  });
  await page.goto(`${app.url}#/alerts`);
  await expect(page.getByTestId('alerts-empty')).toBeVisible();
  const members = SERVERS.map(([id, name], i) =>
    app!.core.raiseAlert({
      serverId: id,
      key: 'forwarder:3',
      rule: 'forwarder_status',
      severity: 'error',
      title: `Forwarder Public DNS is unhealthy on ${name}`,
      incident: 'forwarder:public dns',
      raisedAt: new Date(Date.now() - (3 - i) * 1000).toISOString(),
    }),
  );
  const other = app.core.raiseAlert({ serverId: 'dns-a', key: 'bind', severity: 'critical', title: 'BIND is down on Alpha' });

  await expect(page.getByTestId('alert-row')).toHaveCount(2);
  const incident = page.getByTestId('alert-row').filter({ hasText: 'Forwarder Public DNS is unhealthy' });
  await expect(incident.getByTestId('alert-servers')).toHaveText('3 servers: Alpha, Bravo, Charlie');
  await expect(incident.getByTestId('alert-title')).toHaveText('Forwarder Public DNS is unhealthy');
  await expect(page.getByTestId('alert-row').filter({ hasText: 'BIND is down' }).getByTestId('alert-servers')).toHaveText('Alpha');

  await incident.getByRole('checkbox').check();
  await page.getByTestId('bulk-ack').click();
  await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  expect(app.core.callsTo('alerts:acknowledge')).toEqual([{ ids: expect.arrayContaining(members.map((m) => m.id)), note: '' }]);
  expect((app.core.callsTo('alerts:acknowledge')[0] as { ids: string[] }).ids).not.toContain(other.id);
});
