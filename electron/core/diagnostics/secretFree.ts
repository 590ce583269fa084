/**
 * What the diagnostics bundle says about settings and servers. settings.json holds no secret by
 * design, but a bundle goes to a support ticket, so it is cut down once more on the way out: no
 * credential bindings (they fingerprint the keychain's entries), webhook and Alertmanager URLs
 * without their path and query (a Slack or Teams webhook URL is its own secret), and every string
 * masked wherever a registered secret, a JWT or a token parameter appears.
 */
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { Settings } from '../settings/settingsSchema';
import { redactString } from '../util/redact';

/** Key names that hold secrets elsewhere in the app; a string under one is masked. */
const SECRET_KEY = /pass(word)?|secret|token|authorization|api[_-]?key|totp|cookie|private[_-]?key|credential/i;
/** Names matching SECRET_KEY whose string values are known not to be secrets. */
const NOT_SECRET = new Set(['passwordEnv']);
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/**
 * A deep copy with every string redacted and every string under a secret-named key masked (a
 * time such as `tokenExpiresAt` stays). Unlike util/redact's `redact`, nothing is cut short: a
 * bundle of 200 servers lists 200. Objects are rebuilt from own entries only.
 */
export function secretFree(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (SECRET_KEY.test(key) && !NOT_SECRET.has(key) && !ISO_TIME.test(value)) return '[REDACTED]';
    return redactString(value);
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => secretFree(v, key));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secretFree(v, k)]));
}

/** The scheme and host of a URL, enough to tell which service it points at. */
export function originOnly(url: string | null): string | null {
  if (url === null) return null;
  try {
    const u = new URL(url);
    return u.pathname === '/' && !u.search ? u.origin : `${u.origin}/… (path hidden)`;
  } catch {
    return '(not a URL)';
  }
}

export function settingsForBundle(s: Settings): unknown {
  // Servers are listed in servers.json; bindings are left out on purpose.
  const { servers, credentialBindings, forwarding, ...rest } = s;
  return secretFree({
    ...rest,
    servers: `${servers.length} (see servers.json)`,
    // How many keychain entries are bound to a URL and user name; the bindings themselves stay out.
    boundKeychainEntries: Object.keys(credentialBindings).length,
    forwarding: {
      ...forwarding,
      alertmanagerUrl: originOnly(forwarding.alertmanagerUrl),
      webhooks: forwarding.webhooks.map((w) => ({ ...w, url: originOnly(w.url) })),
    },
  });
}

export interface ServerForBundle extends ServerConfig {
  /** Whether the keychain holds a password for it; null when the keychain could not be asked. */
  hasCredential: boolean | null;
}

export function serversForBundle(servers: ServerForBundle[]): unknown {
  return secretFree(servers.map((s) => ({ ...s, url: urlWithoutSecrets(s.url) })));
}

/** A server URL keeps its host and path (which server it is) but loses user info and query. */
function urlWithoutSecrets(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}
