/**
 * The desktop's side of "Create diagnostics bundle": the core has written the zip into its exports
 * folder; this offers a save dialog (in Downloads, under the core's file name), copies the zip where
 * the user chose and shows it in its folder, ready to attach to a ticket. Cancelling keeps the bundle
 * where the core put it (the page says where).
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OfferFile } from '../core/diagnostics/writeToExports';
import type { Logger } from '../core/platform';
import type { AppLike, ElectronApi } from './electronApi';

export interface SaveDiagnosticsDeps {
  app: Pick<AppLike, 'getPath'>;
  dialog: ElectronApi['dialog'];
  shell: Pick<ElectronApi['shell'], 'showItemInFolder'>;
  logger: Logger;
}

export function offerDiagnosticsFile(d: SaveDiagnosticsDeps): OfferFile {
  return async ({ path, name }) => {
    const answer = await d.dialog.showSaveDialog({
      title: 'Save diagnostics bundle',
      defaultPath: join(d.app.getPath('downloads'), name),
      filters: [{ name: 'Zip archive', extensions: ['zip'] }],
    });
    if (answer.canceled || !answer.filePath) return null;
    try {
      await copyFile(path, answer.filePath);
    } catch (err) {
      d.logger.warn('could not save the diagnostics bundle', { to: answer.filePath, err });
      throw new Error(`could not save it to ${answer.filePath} (${(err as Error).message}); it is at ${path}`, { cause: err });
    }
    d.shell.showItemInFolder(answer.filePath);
    return answer.filePath;
  };
}
