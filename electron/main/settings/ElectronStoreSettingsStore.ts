import { join } from 'node:path';
import { app } from 'electron';
import ElectronStore from 'electron-store';
import type { Clock, Logger } from '../../core/platform';
import { SETTINGS_FILE } from '../../core/settings/ConfSettingsStore';
import { PersistedSettingsStore } from '../../core/settings/PersistedSettingsStore';
import { CONF_OPTIONS, confBackend, type ConfLike } from '../../core/settings/SettingsBackend';

/**
 * Settings for the Electron host: electron-store over the same file, schema and migrations as the
 * Node hosts, so the CLI and the app read one settings.json in userData.
 */
export class ElectronStoreSettingsStore extends PersistedSettingsStore {
  static open(opts: { logger: Logger; dataDir?: string; clock?: Clock }): ElectronStoreSettingsStore {
    const dataDir = opts.dataDir ?? app.getPath('userData');
    const { backend, settings, notices } = PersistedSettingsStore.load({
      filePath: join(dataDir, SETTINGS_FILE),
      logger: opts.logger,
      clock: opts.clock,
      openBackend: () => {
        const { configName, ...rest } = CONF_OPTIONS;
        return confBackend(new ElectronStore<Record<string, unknown>>({ ...rest, name: configName, cwd: dataDir }) as unknown as ConfLike);
      },
    });
    return new ElectronStoreSettingsStore(backend, settings, notices, opts.logger);
  }
}
