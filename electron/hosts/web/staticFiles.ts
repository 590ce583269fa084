/** Serves the built renderer: fixed MIME types, no directory traversal, no listings. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
  /** Hashed assets may be cached; index.html must not (it is the token's entry point). */
  immutable: boolean;
}

/** Maps a URL path to a file inside root, or null when it is outside root, hidden or missing. */
export async function resolveStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((seg) => seg.startsWith('.'))) return null;
  const base = resolve(root);
  const full = resolve(base, relative);
  if (!full.startsWith(base + sep)) return null;
  const contentType = MIME[extname(full).toLowerCase()];
  if (!contentType) return null;
  try {
    const s = await stat(full);
    if (!s.isFile()) return null;
    return { path: full, size: s.size, contentType, immutable: full.includes(`${sep}assets${sep}`) };
  } catch {
    return null;
  }
}

export function openStatic(file: StaticFile): NodeJS.ReadableStream {
  return createReadStream(file.path);
}
