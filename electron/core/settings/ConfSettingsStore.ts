import { join } from 'node:path';
import Conf from 'conf';
import type { Clock, Logger } from '../platform';
import { PersistedSettingsStore } from './PersistedSettingsStore';
import { CONF_OPTIONS, confBackend, type ConfLike } from './SettingsBackend';

export const SETTINGS_FILE = 'settings.json';

/** Settings for the Node hosts (CLI, browser host, demo): `<dataDir>/settings.json` through conf. */
export class ConfSettingsStore extends PersistedSettingsStore {
  static open(opts: { dataDir: string; logger: Logger; clock?: Clock }): ConfSettingsStore {
    const { backend, settings, notices } = PersistedSettingsStore.load({
      filePath: join(opts.dataDir, SETTINGS_FILE),
      logger: opts.logger,
      clock: opts.clock,
      openBackend: () => confBackend(new Conf<Record<string, unknown>>({ ...CONF_OPTIONS, cwd: opts.dataDir }) as unknown as ConfLike),
    });
    return new ConfSettingsStore(backend, settings, notices, opts.logger);
  }
}
