/**
 * events:revealExport: the renderer names a path, so it is checked here, in the main process, against
 * the files this run's exports wrote (exact string, from a Set): nothing else on disk can be shown,
 * whatever a compromised page asks for. Only the desktop host can show a folder at all.
 */
import { ApiFailure } from '../../../shared/ipc/dispatch';
import type { CoreServices } from '../compose';

export function revealExport(s: Pick<CoreServices, 'exportedFiles' | 'revealFile'>, path: string): { ok: true } {
  if (!s.exportedFiles.has(path)) throw new ApiFailure('not-found', 'that is not a file this app exported');
  if (!s.revealFile) throw new ApiFailure('unavailable', 'only the desktop app can show a file in its folder');
  s.revealFile(path);
  return { ok: true };
}
