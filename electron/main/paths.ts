/** Where the Electron host keeps its data: the per-user userData dir, shared with the CLI. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppPaths } from '../core/platform';
import type { AppLike } from './electronApi';

export function electronPaths(app: Pick<AppLike, 'getPath'>, env: NodeJS.ProcessEnv): AppPaths {
  const dataDir = env.DNSFLEET_DATA_DIR || app.getPath('userData');
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
export const resourcesDir = (app: Pick<AppLike, 'getAppPath'>): string => join(app.getAppPath(), 'resources');
