/**
 * "Show in folder" for a finished export: Electron's shell.showItemInFolder behind the core's
 * FileRevealer. The core already refuses any path its exports did not write; this adapter checks
 * again where it touches the OS (a file directly in the exports folder, and there), so a mistake in
 * either place cannot open the file manager on an arbitrary path.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { FileRevealer, Logger } from '../core/platform';
import type { ShellLike } from './electronApi';

export function exportRevealer(shell: Pick<ShellLike, 'showItemInFolder'>, exportsDir: string, logger: Logger): FileRevealer {
  const folder = resolve(exportsDir);
  return (path) => {
    const full = resolve(path);
    if (!isAbsolute(path) || dirname(full) !== folder || !existsSync(full) || !statSync(full).isFile()) {
      logger.warn('refused to show a path outside the exports folder', { path });
      throw new Error('that file is not in the exports folder (any more)');
    }
    shell.showItemInFolder(full);
  };
}
