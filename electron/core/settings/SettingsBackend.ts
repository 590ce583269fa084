import type { Settings } from './settingsSchema';

/** Where settings JSON is kept: conf (Node hosts), electron-store (Electron host) or memory. */
export interface SettingsBackend {
  readonly path: string;
  /** The stored JSON as it is on disk (unvalidated). */
  read(): unknown;
  /** Persists atomically; throws when the disk refuses. */
  write(settings: Settings): void;
}

/** conf and electron-store (which extends conf) expose the whole file as `store`. */
export interface ConfLike {
  store: Record<string, unknown>;
  readonly path: string;
}

export function confBackend(conf: ConfLike): SettingsBackend {
  return {
    path: conf.path,
    read: () => conf.store,
    write: (settings) => {
      conf.store = settings as unknown as Record<string, unknown>;
    },
  };
}

/** Used when the settings file cannot be opened at all: the session still works, nothing persists. */
export function memoryBackend(path: string, reason: string): SettingsBackend {
  return {
    path,
    read: () => ({}),
    write: () => {
      throw new Error(`settings cannot be saved: ${reason}`);
    },
  };
}

/**
 * Options both conf and electron-store take: no dot-path access (server ids contain dots), no
 * clearing an unreadable file (we back it up first), no conf file watching (a file watch loses an
 * atomically renamed file; the running core's SettingsFileWatcher watches the directory instead).
 */
export const CONF_OPTIONS = { configName: 'settings', clearInvalidConfig: false, accessPropertiesByDotNotation: false, watch: false } as const;
