/** Where the Electron host keeps its data: the per-user userData dir, shared with the CLI. */
import { app } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppPaths } from '../core/platform';

export function electronPaths(): AppPaths {
  const dataDir = process.env.DNSFLEET_DATA_DIR ?? app.getPath('userData');
  return { dataDir, logsDir: join(dataDir, 'logs'), exportsDir: join(dataDir, 'exports') };
}

/**
 * Built files: out/main/index.js sits next to out/preload and out/renderer. The preload is CommonJS
 * (sandboxed preloads cannot be ESM); in a "type": "module" package electron-vite names it index.cjs.
 */
export function bundlePaths(mainDir: string, exists: (path: string) => boolean = existsSync): { preload: string; rendererIndex: string } {
  const candidates = ['index.cjs', 'index.js', 'index.mjs'].map((f) => join(mainDir, '../preload', f));
  return { preload: candidates.find(exists) ?? candidates[0]!, rendererIndex: join(mainDir, '../renderer/index.html') };
}

/** Icons ship inside the app (files: resources/** in electron-builder.yml). */
export const resourcesDir = (): string => join(app.getAppPath(), 'resources');
