import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { systemClock, type Clock, type Logger } from '../platform';
import { Emitter, type Event } from '../util/Emitter';
import { interpretSettings } from './interpretSettings';
import { memoryBackend, type SettingsBackend } from './SettingsBackend';
import { SettingsSchema, type Settings } from './settingsSchema';
import type { SettingsStore } from './SettingsStore';

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

  get path(): string {
    return this.backend.path;
  }

  dispose(): void {
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
