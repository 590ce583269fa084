import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { systemClock, type Clock, type Logger } from '../platform';
import { Emitter, type Event } from '../util/Emitter';
import { interpretSettings } from './interpretSettings';
import { memoryBackend, type SettingsBackend } from './SettingsBackend';
import { SettingsSchema, type Settings } from './settingsSchema';
import { SettingsFileWatcher } from './SettingsFileWatcher';
import type { SettingsStore } from './SettingsStore';

/** What a re-read of settings.json did. */
export type ReloadOutcome = 'applied' | 'unchanged' | 'invalid';

export interface PersistedSettingsDeps {
  /** Opens the backend; may throw on an unreadable file (conf does on invalid JSON). */
  openBackend: () => SettingsBackend;
  /** Where the backend keeps the file (known before opening, for the backup). */
  filePath: string;
  logger: Logger;
  clock?: Clock;
}

/**
 * The SettingsStore over any backend. Opening never throws: an unreadable file is moved aside
 * (settings.json.corrupt-<ts>) and replaced by defaults, invalid parts are dropped with the
 * original kept, old versions are migrated, and each of these leaves a notice for the user.
 */
export class PersistedSettingsStore implements SettingsStore {
  private current: Settings;
  private readonly backend: SettingsBackend;
  private readonly log: Logger;
  private readonly notes: string[];
  private readonly changes: Emitter<Settings>;
  readonly onDidChange: Event<Settings>;
  private watcher: SettingsFileWatcher | null = null;

  protected constructor(backend: SettingsBackend, settings: Settings, notices: string[], logger: Logger) {
    this.backend = backend;
    this.current = settings;
    this.notes = notices;
    this.log = logger;
    this.changes = new Emitter<Settings>((err) => logger.error('settings listener failed', { err }));
    this.onDidChange = this.changes.event;
  }

  protected static load(deps: PersistedSettingsDeps): { backend: SettingsBackend; settings: Settings; notices: string[] } {
    const { logger } = deps;
    const stamp = new Date((deps.clock ?? systemClock).now()).toISOString().replace(/[:.]/g, '-');
    const notices: string[] = [];
    const backend = openOrRecover(deps, stamp, notices);
    const read = interpretSettings(safeRead(backend, logger));
    notices.push(...read.notices);
    if (read.problems.length > 0) {
      const kept = keepCopy(deps.filePath, `corrupt-${stamp}`, logger);
      notices.push(`Some settings were invalid and were reset${kept ? ` (the original file was kept as ${kept})` : ''}: ${read.problems.join('; ')}`);
    }
    if (read.newerVersion !== null) {
      const kept = keepCopy(deps.filePath, `v${read.newerVersion}-${stamp}`, logger);
      notices.push(`settings.json was written by a newer version of the app (settings v${read.newerVersion}); it was read as far as possible${kept ? ` and kept as ${kept}` : ''}`);
    }
    if (read.rewrite) {
      try {
        backend.write(read.settings);
      } catch (err) {
        logger.error('settings could not be written', { err });
        notices.push(`Settings cannot be saved: ${(err as Error).message}`);
      }
    }
    for (const n of notices) logger.warn(n);
    return { backend, settings: read.settings, notices };
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  update(mutator: (s: Settings) => Settings): Settings {
    // Validation strips what settings must never hold (a password key on a server, say).
    const next = SettingsSchema.parse(mutator(this.get()));
    this.backend.write(next);
    this.current = next;
    this.changes.fire(this.get());
    return this.get();
  }

  notices(): string[] {
    return [...this.notes];
  }

  /**
   * Re-reads settings.json after it changed on disk. A valid file that differs from the running
   * settings is applied as if set here (onDidChange: the same pushes and subsystem updates). A file
   * that cannot be used (half-written, invalid, missing, from a newer version) is logged and ignored:
   * the running settings stay, and the file is left alone for whoever is writing it. Never writes,
   * so its own writes (read back identical) and another process's never loop.
   */
  reloadFromDisk(): ReloadOutcome {
    const read = readForReload(this.backend.path);
    if ('problem' in read) {
      this.log.warn('settings.json changed on disk but cannot be used; the running settings are kept', { reason: read.problem });
      return 'invalid';
    }
    if (JSON.stringify(read.settings) === JSON.stringify(this.current)) {
      this.log.debug('settings.json re-read; nothing new');
      return 'unchanged';
    }
    this.current = read.settings;
    this.log.info('settings.json changed on disk; applied');
    this.changes.fire(this.get());
    return 'applied';
  }

  /** Applies changes other processes make to settings.json while this one runs; returns the stop. */
  watch(): () => void {
    this.watcher ??= new SettingsFileWatcher({ filePath: this.backend.path, logger: this.log, onChange: () => this.reloadFromDisk() }).start();
    return () => {
      this.watcher?.dispose();
      this.watcher = null;
    };
  }

  get path(): string {
    return this.backend.path;
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changes.dispose();
  }
}

function openOrRecover(deps: PersistedSettingsDeps, stamp: string, notices: string[]): SettingsBackend {
  try {
    return deps.openBackend();
  } catch (err) {
    const reason = (err as Error)?.message ?? String(err);
    if (!isUnparsableFile(deps.filePath)) {
      deps.logger.error('settings could not be opened', { err });
      notices.push(`Settings cannot be saved this session: ${reason}`);
      return memoryBackend(deps.filePath, reason);
    }
    const aside = `${deps.filePath}.corrupt-${stamp}`;
    renameSync(deps.filePath, aside);
    notices.push(`settings.json was corrupt and was replaced by default settings (the damaged file was kept as ${aside})`);
    try {
      return deps.openBackend();
    } catch (again) {
      notices.push(`Settings cannot be saved this session: ${(again as Error).message}`);
      return memoryBackend(deps.filePath, (again as Error).message);
    }
  }
}

function isUnparsableFile(path: string): boolean {
  try {
    if (!existsSync(path)) return false;
    const text = readFileSync(path, 'utf8');
    JSON.parse(text.trim() === '' ? '{}' : text);
    return false;
  } catch {
    return true;
  }
}

function safeRead(backend: SettingsBackend, logger: Logger): unknown {
  try {
    return backend.read();
  } catch (err) {
    logger.error('settings could not be read', { err });
    return {};
  }
}

function keepCopy(path: string, suffix: string, logger: Logger): string | null {
  const target = `${path}.${suffix}`;
  try {
    if (!existsSync(path)) return null;
    copyFileSync(path, target);
    return target;
  } catch (err) {
    logger.warn('could not keep a copy of settings.json', { err });
    return null;
  }
}

/** The file as the running app may take it, or why not (never throws, never repairs). */
function readForReload(path: string): { settings: Settings } | { problem: string } {
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'the file is missing' : code ? `it cannot be read (${code})` : 'it is not complete JSON (half-written?)' };
  }
  const read = interpretSettings(stored);
  if (read.newerVersion !== null) return { problem: `it was written by a newer version of the app (settings v${read.newerVersion})` };
  if (read.problems.length > 0) return { problem: read.problems.join('; ') };
  return { settings: read.settings };
}
