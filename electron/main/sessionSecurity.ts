/**
 * Session-wide guards, installed before any window exists: the CSP as a response header, and no
 * permission but notifications, and those only for our own renderer.
 */
import type { Logger } from '../core/platform';
import type { SessionLike } from './electronApi';
import { isPermissionAllowed, withContentSecurityPolicy, type RendererLocation } from './security';

export function secureSession(session: SessionLike, renderer: RendererLocation, logger: Logger): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    try {
      callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
    } catch (err) {
      // Never leave a request hanging; a response we could not stamp is cancelled, not let through bare.
      logger.error('could not set the content security policy', { err });
      callback({ cancel: true });
    }
  });
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const url = details?.requestingUrl ?? safeUrl(contents);
    const granted = isPermissionAllowed(permission, url, renderer);
    if (!granted) logger.warn('denied a permission request', { permission: String(permission).slice(0, 40) });
    callback(granted);
  });
  session.setPermissionCheckHandler((contents, permission) => isPermissionAllowed(permission, safeUrl(contents), renderer));
}

function safeUrl(contents: { getURL(): string; isDestroyed(): boolean } | null): string | null {
  try {
    return contents && !contents.isDestroyed() ? contents.getURL() : null;
  } catch {
    return null;
  }
}
