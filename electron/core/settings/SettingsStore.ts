import type { Event } from '../util/Emitter';
import type { Settings } from './settingsSchema';

export type { Settings } from './settingsSchema';

/**
 * The app's settings (settings.json in the data dir). electron-store backs it in the Electron host,
 * conf in the Node hosts; both share the schema and the migrations.
 */
export interface SettingsStore {
  /** The current settings (a copy: mutate through update()). */
  get(): Settings;
  /** Applies, validates and persists a change; throws (and changes nothing) if invalid or unwritable. */
  update(mutator: (s: Settings) => Settings): Settings;
  readonly onDidChange: Event<Settings>;
  /** Things the user should be told about the settings file (recovered from corruption, migrated...). */
  notices(): string[];
  /**
   * Starts applying changes another process makes to the file while this one runs (the running
   * core calls it; `dnsfleet settings` does not). Returns the stop. Absent: a store with no file.
   */
  watch?(): () => void;
}
