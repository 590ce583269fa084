/** Importing a fleet file, then giving (or skipping) the passwords the file cannot carry. */
import { expect, test, type Page } from '@playwright/test';
import { startFakeApp, type FakeApp } from './support/fakeApp';
import { serverStatus } from './support/fakeData';

let app: FakeApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

const FLEET = {
  servers: [
    { id: 'dns-new-1', name: 'New Primary', url: 'https://10.1.0.53:8443', username: 'noc-one' },
    { id: 'dns-new-2', name: 'New Secondary', url: 'https://10.2.0.53:8443', username: 'noc-two' },
  ],
};

async function chooseFleetFile(page: Page, fleet: unknown): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import fleet JSON' }).click();
  await (await chooser).setFiles({ name: 'fleet.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(fleet)) });
}

/** Chooses the file and confirms the preview of what it changes. */
async function importFleet(page: Page): Promise<void> {
  await chooseFleetFile(page, FLEET);
  const preview = page.getByRole('dialog', { name: 'Review the fleet import' });
  await expect(preview.getByTestId('import-preview-server')).toHaveCount(2);
  await preview.getByRole('button', { name: 'Import' }).click();
}

const credentialOf = (page: Page, id: string) => page.locator(`[data-testid="server-entry"][data-server-id="${id}"] [data-testid="has-credential"]`);

test('importing asks for each new server password; a skipped one stays without a credential', async ({ page }) => {
  app = await startFakeApp();
  await page.goto(`${app.url}#/servers`);
  await importFleet(page);

  const dialog = page.getByRole('dialog', { name: 'Passwords for imported servers' });
  await expect(dialog.getByTestId('import-credentials-progress')).toHaveText('1 of 2');
  await expect(dialog.getByTestId('import-credentials-server')).toContainText('New Primary');
  await expect(dialog.getByTestId('import-credentials-server')).toContainText('https://10.1.0.53:8443');
  await expect(dialog.getByTestId('import-credentials-server')).toContainText('noc-one');
  const password = dialog.getByLabel('Password');
  await expect(password).toHaveAttribute('type', 'password');
  await expect(password).toHaveAttribute('autocomplete', 'off');
  await expect(password).toHaveValue('');
  await password.fill('s3cret-one');
  await dialog.getByRole('button', { name: 'Save password' }).click();

  await expect(dialog.getByTestId('import-credentials-progress')).toHaveText('2 of 2');
  await expect(dialog.getByTestId('import-credentials-server')).toContainText('New Secondary');
  await expect(dialog.getByLabel('Password')).toHaveValue(''); // never pre-filled with the last one
  await dialog.getByRole('button', { name: 'Skip' }).click();

  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('1 of 2 passwords stored in the keychain; 1 server still without a password.')).toBeVisible();
  await expect(credentialOf(page, 'dns-new-1')).toHaveAttribute('data-value', 'true');
  await expect(credentialOf(page, 'dns-new-2')).toHaveAttribute('data-value', 'false');
  expect(app.core.passwordsSet).toEqual(['dns-new-1']);
});

test('a keychain error is shown in the dialog, which stays on that server with an empty field', async ({ page }) => {
  app = await startFakeApp((core) => core.failPasswordFor.add('dns-new-1'));
  await page.goto(`${app.url}#/servers`);
  await importFleet(page);

  const dialog = page.getByRole('dialog', { name: 'Passwords for imported servers' });
  await dialog.getByLabel('Password').fill('s3cret-one');
  await dialog.getByRole('button', { name: 'Save password' }).click();
  await expect(dialog).toContainText('The keychain is locked');
  await expect(dialog.getByTestId('import-credentials-progress')).toHaveText('1 of 2');
  await expect(dialog.getByLabel('Password')).toHaveValue('');

  app.core.failPasswordFor.clear();
  await dialog.getByLabel('Password').fill('s3cret-one');
  await dialog.getByRole('button', { name: 'Save password' }).click();
  await expect(dialog.getByTestId('import-credentials-progress')).toHaveText('2 of 2');
  expect(app.core.passwordsSet).toEqual(['dns-new-1']);
});

test('one password can serve every imported server with the same username', async ({ page }) => {
  app = await startFakeApp();
  await page.goto(`${app.url}#/servers`);
  const fleet = {
    servers: [
      { id: 'dns-new-1', name: 'New Primary', url: 'https://10.1.0.53:8443', username: 'noc-monitor' },
      { id: 'dns-new-2', name: 'New Secondary', url: 'https://10.2.0.53:8443', username: 'noc-two' },
      { id: 'dns-new-3', name: 'New Branch', url: 'https://10.3.0.53:8443', username: 'noc-monitor' },
    ],
  };
  await chooseFleetFile(page, fleet);
  const preview = page.getByRole('dialog', { name: 'Review the fleet import' });
  await expect(preview.getByTestId('import-preview-server')).toHaveCount(3);
  await preview.getByRole('button', { name: 'Import' }).click();

  const dialog = page.getByRole('dialog', { name: 'Passwords for imported servers' });
  await expect(dialog.getByTestId('import-credentials-progress')).toHaveText('1 of 3');
  const same = dialog.getByLabel('Use this password for all servers with the username noc-monitor');
  await expect(dialog).toContainText('Also: New Branch');
  await same.check();
  await dialog.getByLabel('Password', { exact: true }).fill('shared-s3cret');
  await dialog.getByRole('button', { name: 'Save password' }).click();

  // The Branch server got the same password: the walk goes to Secondary and ends after it.
  await expect(dialog.getByTestId('import-credentials-progress')).toHaveText('2 of 3');
  await expect(dialog.getByTestId('import-credentials-server')).toContainText('New Secondary');
  await expect(dialog.getByTestId('import-credentials-same-username')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Skip' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('2 of 3 passwords stored in the keychain; 1 server still without a password.')).toBeVisible();
  expect(app.core.passwordsSet).toEqual(['dns-new-1', 'dns-new-3']);
  await expect(credentialOf(page, 'dns-new-3')).toHaveAttribute('data-value', 'true');
});

test('the preview shows a server moved to another URL, warns its password is forgotten, and Cancel imports nothing', async ({ page }) => {
  app = await startFakeApp((core) => core.setServer(serverStatus('dns-hq-1', 'live', { name: 'HQ' })));
  await page.goto(`${app.url}#/servers`);
  await chooseFleetFile(page, { servers: [{ id: 'dns-hq-1', name: 'HQ', url: 'https://attacker.example.org', username: 'monitor' }] });

  const preview = page.getByRole('dialog', { name: 'Review the fleet import' });
  const server = preview.locator('[data-testid="import-preview-server"][data-server-id="dns-hq-1"]');
  await expect(server).toHaveAttribute('data-kind', 'update');
  await expect(server.locator('[data-field="url"]')).toHaveText('url: https://dns-hq-1.example:8443 → https://attacker.example.org');
  await expect(server.getByTestId('import-preview-forgets-password')).toBeVisible();
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await expect(preview).toHaveCount(0);
  expect(app.core.callsTo('fleet:importConfig')).toHaveLength(0);
  expect(app.core.entries.get('dns-hq-1')?.url).toBe('https://dns-hq-1.example:8443');
});
