/**
 * Builds the renderer into out/renderer when the sources are newer than the last build, with the
 * same settings as electron.vite.config.ts (root renderer/, React plugin). Used by the fake-core specs.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_OUT = join(ROOT, 'out/renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export async function ensureRendererBuilt(): Promise<string> {
  const index = join(RENDERER_OUT, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'renderer')), newestMtime(join(ROOT, 'shared')));
  if (existsSync(index) && statSync(index).mtimeMs > sources) return RENDERER_OUT;
  await build({
    root: join(ROOT, 'renderer'),
    base: './',
    logLevel: 'warn',
    configFile: false,
    plugins: [react()],
    build: { outDir: RENDERER_OUT, emptyOutDir: true, chunkSizeWarningLimit: 2000, minify: process.env.DNSFLEET_NO_MINIFY ? false : undefined },
  });
  return RENDERER_OUT;
}
