/**
 * Finished exports offered as downloads by the browser host (GET /exports/<name>, behind the same
 * token as everything else). Only the names the core gives its export files are served, from the
 * exports folder itself: no paths, no other files.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Event exports (events:export) and diagnostics bundles (app:writeDiagnostics), as the core names them. */
const EXPORT_NAME = /^(?:events-[0-9A-Za-z-]{1,40}\.(csv|ndjson)|diagnostics-[0-9A-Za-z-]{1,40}\.(zip))$/;
const TYPES = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8', zip: 'application/zip' } as const;

export interface ExportFile {
  path: string;
  name: string;
  size: number;
  contentType: string;
}

export const EXPORTS_PREFIX = '/exports/';

export async function resolveExport(exportsDir: string, urlPath: string): Promise<ExportFile | null> {
  const name = urlPath.slice(EXPORTS_PREFIX.length);
  const m = EXPORT_NAME.exec(name);
  if (!m) return null;
  const path = join(exportsDir, name);
  try {
    const s = await stat(path);
    return s.isFile() ? { path, name, size: s.size, contentType: TYPES[(m[1] ?? m[2]) as keyof typeof TYPES] } : null;
  } catch {
    return null;
  }
}
