import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServerConfigSchema, type ServerConfig } from '../../../shared/domain/serverConfig';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { ConfSettingsStore } from '../../../electron/core/settings/ConfSettingsStore';
import { RegistryError, ServerRegistry } from '../../../electron/core/settings/ServerRegistry';
import { nullLogger } from '../../../electron/core/util/logger';
import { useTmpDirs } from './tmpDirs';

const tmp = useTmpDirs();
const config = (id: string, extra: Partial<ServerConfig> = {}) => ({ id, name: `Server ${id}`, url: `https://${id}.example.net`, username: 'monitor', ...extra });

function setup() {
  const dir = tmp();
  const settings = ConfSettingsStore.open({ dataDir: dir, logger: nullLogger });
  const credentials = new MemoryCredentialStore();
  const registry = new ServerRegistry({ settings, credentials, logger: nullLogger });
  const changes: string[][] = [];
  registry.onDidChange((servers) => changes.push(servers.map((s) => `${s.id}:${s.enabled}`)));
  return { dir, settings, credentials, registry, changes, file: () => readFileSync(join(dir, 'settings.json'), 'utf8') };
}

describe('ServerRegistry', () => {
  it('adds a server with its password: listed with hasCredential, the password only in the credential store', async () => {
    const { registry, credentials, file, changes } = setup();
    await registry.save(config('dns-1'), 'secret-pass-1', true);
    await registry.save(config('dns-2'), undefined, true);
    const list = await registry.list();
    expect(list.map((e) => [e.id, e.hasCredential])).toEqual([['dns-1', true], ['dns-2', false]]);
    expect(await credentials.get('dns-1', 'password')).toBe('secret-pass-1');
    expect(file()).not.toContain('secret-pass-1');
    expect(changes).toEqual([['dns-1:true'], ['dns-1:true', 'dns-2:true']]);
  });

  it('refuses a second server with the same id, clearly, and keeps the first untouched', async () => {
    const { registry, credentials } = setup();
    await registry.save(config('dns-1'), 'first-pass', true);
    const attempt = registry.save(config('dns-1', { name: 'Impostor' }), 'second-pass', true);
    await expect(attempt).rejects.toThrow(/a server with id "dns-1" already exists/);
    await expect(attempt).rejects.toMatchObject({ code: 'conflict' });
    expect(registry.get('dns-1')?.name).toBe('Server dns-1');
    expect(await credentials.get('dns-1', 'password')).toBe('first-pass');
  });

  it('editing an unknown server or saving an invalid one are errors with codes', async () => {
    const { registry } = setup();
    await expect(registry.save(config('ghost'), undefined, false)).rejects.toMatchObject({ code: 'not-found' });
    const bad = registry.save(config('dns-1', { url: 'ftp://x' }), undefined, true);
    await expect(bad).rejects.toBeInstanceOf(RegistryError);
    await expect(bad).rejects.toMatchObject({ code: 'invalid-request', message: expect.stringMatching(/^url: /) });
    expect(registry.configs()).toEqual([]);
  });

  it('removing a server also forgets its password and refresh token', async () => {
    const { registry, credentials } = setup();
    await registry.save(config('dns-1'), 'pw-to-forget', true);
    await credentials.set('dns-1', 'refresh', 'rt-to-forget');
    await registry.remove('dns-1');
    expect(registry.configs()).toEqual([]);
    expect(await credentials.has('dns-1', 'password')).toBe(false);
    expect(await credentials.has('dns-1', 'refresh')).toBe(false);
    await expect(registry.remove('dns-1')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('enable/disable is persisted and announced; other settings changes are not announced as server changes', async () => {
    const { registry, settings, changes, dir } = setup();
    await registry.save(config('dns-1'), undefined, true);
    await registry.setEnabled('dns-1', false);
    settings.update((s) => ({ ...s, ui: { theme: 'dark' } }));
    expect(changes).toEqual([['dns-1:true'], ['dns-1:false']]);
    expect(ConfSettingsStore.open({ dataDir: dir, logger: nullLogger }).get().servers[0]!.enabled).toBe(false);
  });

  it('a new password (or a changed account) invalidates the refresh token', async () => {
    const { registry, credentials } = setup();
    await registry.save(config('dns-1'), 'old-pass', true);
    await credentials.set('dns-1', 'refresh', 'rt-1');
    await registry.setPassword('dns-1', 'new-pass');
    expect(await credentials.get('dns-1', 'password')).toBe('new-pass');
    expect(await credentials.has('dns-1', 'refresh')).toBe(false);
    await credentials.set('dns-1', 'refresh', 'rt-2');
    await registry.save(config('dns-1', { name: 'Renamed' }), undefined, false);
    expect(await credentials.get('dns-1', 'refresh')).toBe('rt-2');
    await registry.save(config('dns-1', { username: 'other-user' }), undefined, false);
    expect(await credentials.has('dns-1', 'refresh')).toBe(false);
  });

  it('pins a certificate fingerprint on the server', async () => {
    const { registry } = setup();
    await registry.save(config('dns-1'), undefined, true);
    await registry.pinCertificate('dns-1', 'AA:BB');
    expect(registry.get('dns-1')?.tls?.fingerprint256).toBe('AA:BB');
  });

  it('a server whose password comes from the environment counts as having a credential', async () => {
    const { registry } = setup();
    process.env.DNSFLEET_TEST_PW = 'from-env';
    try {
      await registry.save(config('dns-env', { passwordEnv: 'DNSFLEET_TEST_PW' }), undefined, true);
      expect((await registry.list())[0]!.hasCredential).toBe(true);
    } finally {
      delete process.env.DNSFLEET_TEST_PW;
    }
    expect((await registry.list())[0]!.hasCredential).toBe(false);
  });

  it('a new URL or username without a new password forgets the stored one (issue 17: it was sent to the new URL)', async () => {
    const { registry, credentials } = setup();
    await registry.save(config('dns-1'), 'bound-pass', true);
    await registry.save(config('dns-1', { name: 'Renamed' }), undefined, false);
    expect(await credentials.get('dns-1', 'password')).toBe('bound-pass');
    await registry.save(config('dns-1', { url: 'https://elsewhere.example.org' }), undefined, false);
    expect(await credentials.has('dns-1', 'password')).toBe(false);
    expect((await registry.list())[0]!.hasCredential).toBe(false);
    await registry.setPassword('dns-1', 'new-pass');
    expect((await registry.list())[0]!.hasCredential).toBe(true);
    await registry.upsertMany([ServerConfigSchema.parse(config('dns-1', { url: 'https://elsewhere.example.org', username: 'other' }))]);
    expect(await credentials.has('dns-1', 'password')).toBe(false);
  });

  it('refuses a passwordEnv that is not DNSFLEET_-prefixed', async () => {
    const { registry } = setup();
    await expect(registry.save(config('dns-1', { passwordEnv: 'HOME' }), undefined, true)).rejects.toMatchObject({ code: 'invalid-request', message: expect.stringMatching(/DNSFLEET_/) });
  });
});
