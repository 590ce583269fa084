/**
 * Pure security policy of the Electron host (no electron import, unit-tested under Node):
 * which URLs are our renderer, where links may go, which permissions a page gets.
 */
import { pathToFileURL } from 'node:url';

/** Where the renderer is loaded from: the built files, or the electron-vite dev server. */
export type RendererLocation = { kind: 'file'; indexUrl: string } | { kind: 'dev'; origin: string; url: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const parse = (url: string | null | undefined): URL | null => {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/**
 * The dev server URL (ELECTRON_RENDERER_URL, electron-vite's convention) is honoured only in an
 * unpackaged app and only on loopback, so an environment variable cannot point a shipped app at a
 * remote page that would then get the bridge.
 */
export function rendererLocation(opts: { devServerUrl?: string; isPackaged: boolean; indexFile: string }): RendererLocation {
  const dev = opts.isPackaged ? null : parse(opts.devServerUrl);
  if (dev && (dev.protocol === 'http:' || dev.protocol === 'https:') && LOOPBACK.has(dev.hostname)) {
    return { kind: 'dev', origin: dev.origin, url: dev.href };
  }
  return { kind: 'file', indexUrl: pathToFileURL(opts.indexFile).href };
}

/** The URL the window loads. */
export const rendererEntryUrl = (loc: RendererLocation): string => (loc.kind === 'dev' ? loc.url : loc.indexUrl);

/** Is this frame URL our renderer? Used for IPC senders and navigation. Hash and query are ignored. */
export function isTrustedRendererUrl(url: string | null | undefined, loc: RendererLocation): boolean {
  const u = parse(url);
  if (!u) return false;
  if (loc.kind === 'dev') return u.origin === loc.origin;
  const expected = new URL(loc.indexUrl);
  return u.protocol === 'file:' && u.host === expected.host && u.pathname === expected.pathname;
}

/** Links leave the app only to https pages, in the user's browser; anything else goes nowhere. */
export function externalLinkTarget(url: string): string | null {
  const u = parse(url);
  return u && u.protocol === 'https:' ? u.href : null;
}

/** The page may show notifications (the renderer's own toasts use them); every other permission is denied. */
export const isPermissionAllowed = (permission: string, requestingUrl: string | null | undefined, loc: RendererLocation): boolean =>
  permission === 'notifications' && isTrustedRendererUrl(requestingUrl, loc);

/**
 * The Electron renderer's policy, sent as a response header (a <meta> policy cannot carry
 * frame-ancestors). No ws: entries: this renderer talks to the core over IPC only; 'self' still
 * covers the dev server's hot-reload socket. 'unsafe-inline' for styles only, and no script may
 * run inline: Mantine writes its theme variables into <style> elements at run time and recharts
 * and Mantine set style attributes; a nonce cannot reach the file:// page without a custom
 * protocol (see ARCHITECTURE.md). Injected CSS cannot run script, and the page holds no secret.
 */
// One literal, so Electronegativity can parse and judge the policy we really send.
export const ELECTRON_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Response headers with our policy in force: any policy the response carried is replaced (header
 * names compare case-insensitively; an own-key copy, so a header named __proto__ is just a key).
 */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [ELECTRON_CSP];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}
