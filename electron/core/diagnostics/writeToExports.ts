/**
 * The `app:writeDiagnostics` action: the bundle goes into the exports folder under a name of the
 * core's making (the browser host serves exactly those names), older bundles beyond a few are
 * removed, and a host that can offer a save dialog (Electron) is handed the file.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagnosticsBundleInfo } from '../../../shared/ipc/schemas';
import type { Logger } from '../platform';
import { writeDiagnosticsBundle, type DiagnosticsSource } from './DiagnosticsBundle';

/** Bundles kept in the exports folder; each can be several MB of logs. */
const KEEP_BUNDLES = 5;
export const DIAGNOSTICS_NAME = /^diagnostics-[0-9A-Za-z-]{1,40}\.zip$/;

/** The host shows the file to the user (a save dialog) and says where a copy went, or null. */
export type OfferFile = (file: { path: string; name: string }) => Promise<string | null>;

export async function writeDiagnosticsToExports(src: DiagnosticsSource, exportsDir: string, logger: Logger, offer?: OfferFile): Promise<DiagnosticsBundleInfo> {
  mkdirSync(exportsDir, { recursive: true });
  const fileName = `diagnostics-${new Date(src.now()).toISOString().replace(/[:.]/g, '-')}.zip`;
  const written = await writeDiagnosticsBundle(src, join(exportsDir, fileName), { force: true });
  logger.info('diagnostics bundle written', { path: written.path, bytes: written.bytes, files: written.files.length });
  pruneOldBundles(exportsDir, logger);
  const savedTo = offer ? await offer({ path: written.path, name: fileName }) : null;
  return { fileName, path: written.path, bytes: written.bytes, files: written.files, savedTo };
}

function pruneOldBundles(dir: string, logger: Logger): void {
  // ISO times in the names sort as times: the oldest come first.
  const bundles = readdirSync(dir).filter((n) => DIAGNOSTICS_NAME.test(n)).sort();
  for (const old of bundles.slice(0, Math.max(0, bundles.length - KEEP_BUNDLES))) {
    try {
      rmSync(join(dir, old), { force: true });
    } catch (err) {
      logger.warn('could not remove an old diagnostics bundle', { file: old, err });
    }
  }
}
