/**
 * Tells the settings store when settings.json may have changed under it (`dnsfleet settings set` in
 * another shell, an editor). It watches the directory, not the file: conf and electron-store write
 * atomically (a temp file renamed over settings.json), which replaces the inode a file watch holds.
 * Bursts (temp file, rename, an editor's several writes) are debounced into one re-read. Where the
 * platform cannot watch (inotify limit, network drive) it falls back to polling the file's stat.
 */
import { watch, watchFile, unwatchFile, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from '../platform';

export interface SettingsFileWatcherOptions {
  filePath: string;
  /** Called once per burst of changes; a throw is logged, the watch goes on. */
  onChange: () => void;
  logger: Logger;
  debounceMs?: number;
  pollMs?: number;
}

export class SettingsFileWatcher {
  private watcher: FSWatcher | null = null;
  private polling = false;
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;
  private readonly debounceMs: number;

  constructor(private readonly opts: SettingsFileWatcherOptions) {
    this.debounceMs = opts.debounceMs ?? 200;
  }

  start(): this {
    const file = basename(this.opts.filePath);
    try {
      this.watcher = watch(dirname(this.opts.filePath), { persistent: false }, (_event, name) => {
        // Other files in the data dir (the event log's WAL) change all the time: only ours counts.
        if (name === null || name === file) this.schedule();
      });
      this.watcher.on('error', (err) => this.fallBackToPolling(err));
    } catch (err) {
      this.fallBackToPolling(err);
    }
    return this;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.close();
    if (this.polling) unwatchFile(this.opts.filePath);
  }

  private fallBackToPolling(err: unknown): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.disposed || this.polling) return;
    this.opts.logger.warn('settings.json cannot be watched; checking it every few seconds instead', { err });
    this.polling = true;
    watchFile(this.opts.filePath, { persistent: false, interval: this.opts.pollMs ?? 2000 }, () => this.schedule());
  }

  private schedule(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.disposed) return;
      try {
        this.opts.onChange();
      } catch (err) {
        this.opts.logger.error('settings.json could not be re-read', { err });
      }
    }, this.debounceMs);
    this.timer.unref();
  }
}
