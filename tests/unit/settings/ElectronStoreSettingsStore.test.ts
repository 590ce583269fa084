import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asServerId } from '../../../shared/domain/ids';
import { ConfSettingsStore } from '../../../electron/core/settings/ConfSettingsStore';
import { nullLogger } from '../../../electron/core/util/logger';
import { ElectronStoreSettingsStore } from '../../../electron/main/settings/ElectronStoreSettingsStore';
import { useTmpDirs } from './tmpDirs';

const tmp = useTmpDirs();

describe('ElectronStoreSettingsStore', () => {
  it('shares settings.json with the CLI: what the app writes, `dnsfleet` reads, and back', () => {
    const dir = tmp();
    const app = ElectronStoreSettingsStore.open({ dataDir: dir, logger: nullLogger });
    app.update((s) => ({ ...s, ui: { theme: 'light' }, servers: [{ id: asServerId('dns-1'), name: 'One', url: 'http://10.0.0.1:8000', username: 'monitor', stack: 'auto', legacyTypes: 'admin', pollSeconds: 60, tags: [], enabled: true }] }));
    const cli = ConfSettingsStore.open({ dataDir: dir, logger: nullLogger });
    expect(cli.get().ui.theme).toBe('light');
    expect(cli.get().servers.map((s) => s.id)).toEqual(['dns-1']);
    cli.update((s) => ({ ...s, demoOffered: true }));
    expect(ElectronStoreSettingsStore.open({ dataDir: dir, logger: nullLogger }).get().demoOffered).toBe(true);
  });

  it('recovers from a corrupt file the same way', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'settings.json'), '\u0000\u0000garbage');
    const store = ElectronStoreSettingsStore.open({ dataDir: dir, logger: nullLogger });
    expect(store.get().servers).toEqual([]);
    expect(store.notices().join()).toMatch(/corrupt/);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
  });
});
