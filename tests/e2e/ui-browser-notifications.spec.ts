/** The browser host gives browser notifications for what the core's policy let through (alerts:onDidNotify), not for every raise. */
import { expect, test } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { serverStatus } from './support/fakeData';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('a raise the policy held back shows a toast only; a notification the policy let through also shows a browser notification, a repeat says so', async ({ page }) => {
  // A recording stand-in for the browser's Notification API, already allowed.
  await page.addInitScript(() => {
    const shown: { title: string; tag?: string; silent?: boolean; requireInteraction?: boolean }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options: { tag?: string; silent?: boolean; requireInteraction?: boolean } = {}) {
        shown.push({ title, tag: options.tag, silent: options.silent, requireInteraction: options.requireInteraction });
      }
      close(): void {}
    }
    (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
  });
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-1', 'live', { name: 'Primary' })));
  await page.goto(app.url);
  await expect(page.getByTestId('server-tile')).toHaveCount(1);
  const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications);

  const quiet = app.core.raiseAlert({ title: 'Forwarder Quad9 unhealthy', severity: 'error' }); // held back by quiet hours: no onDidNotify
  await expect(page.getByTestId('alert-toast').filter({ hasText: quiet.title })).toBeVisible();
  const critical = app.core.raiseAlert({ title: 'BIND is down', severity: 'critical' });
  app.core.push('alerts:onDidNotify', { alert: critical, delivery: { silent: true, loud: false, repeat: 0 } });
  app.core.push('alerts:onDidNotify', { alert: critical, delivery: { silent: false, loud: true, repeat: 1 } });
  await expect.poll(shown).toEqual([
    { title: 'Primary: BIND is down', tag: critical.id, silent: true, requireInteraction: false },
    { title: 'Still unacknowledged — Primary: BIND is down', tag: `${critical.id}#1`, silent: false, requireInteraction: true },
  ]);
});
