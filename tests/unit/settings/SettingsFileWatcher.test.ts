import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../electron/core/platform';
import { SettingsFileWatcher } from '../../../electron/core/settings/SettingsFileWatcher';
import { nullLogger } from '../../../electron/core/util/logger';
import { useTmpDirs } from './tmpDirs';

const tmp = useTmpDirs();
let watcher: SettingsFileWatcher | undefined;
afterEach(() => watcher?.dispose());

/** Resolves on the next onChange call; `read` what the file held at each call. */
function changes(file?: string) {
  let count = 0;
  let next: (() => void) | null = null;
  const read: string[] = [];
  return {
    read,
    onChange: () => {
      count++;
      if (file) read.push(readFileSync(file, 'utf8'));
      next?.();
    },
    next: () => new Promise<void>((resolve) => (next = resolve)),
    get count() {
      return count;
    },
  };
}

describe('SettingsFileWatcher', () => {
  it('sees an atomic rename over settings.json and reads a burst of writes once, at its end', async () => {
    const dir = tmp();
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{}');
    const seen = changes(file);
    watcher = new SettingsFileWatcher({ filePath: file, logger: nullLogger, onChange: seen.onChange, debounceMs: 150 }).start();
    const first = seen.next();
    // What conf does: a temp file written, then renamed over the target; an editor may write twice.
    writeFileSync(join(dir, 'settings.json.tmp-1'), '{"a":1}');
    renameSync(join(dir, 'settings.json.tmp-1'), file);
    writeFileSync(file, '{"a":2}');
    await first;
    // The next call is the next write's: a second call for the same burst would have read {"a":2} again.
    const second = seen.next();
    for (let i = 0; i < 20; i++) writeFileSync(join(dir, 'events.db-wal'), String(i));
    writeFileSync(file, '{"a":3}');
    await second;
    expect(seen.read).toEqual(['{"a":2}', '{"a":3}']);
  });

  it('where the directory cannot be watched it says so and polls the file instead', async () => {
    const dir = join(tmp(), 'not-yet');
    const file = join(dir, 'settings.json');
    const warnings: string[] = [];
    const logger: Logger = { ...nullLogger, warn: (m) => warnings.push(m), child: () => logger };
    const seen = changes();
    watcher = new SettingsFileWatcher({ filePath: file, logger, onChange: seen.onChange, debounceMs: 10, pollMs: 50 }).start();
    expect(warnings).toEqual(['settings.json cannot be watched; checking it every few seconds instead']);
    const created = seen.next();
    mkdirSync(dir);
    writeFileSync(file, '{}');
    await created;
    expect(seen.count).toBe(1);
  });
});
