/**
 * Secret redaction for everything that is written or shown: log lines, errors, exports.
 * Tokens reach the WebSocket only as `?token=` (protocol §1.6), so URLs are the main leak path.
 */
const SECRET_KEYS = /pass(word)?|secret|token|authorization|api[_-]?key|totp|cookie|private[_-]?key/i;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\b/g;
const TOKEN_PARAM = /([?&](?:token|access_token|refresh_token|password)=)[^&#\s"']*/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
/** Text every one of the three patterns above contains: most strings are let through after this one test. */
const MAYBE_SECRET = /eyJ|token|password|bearer/i;

const extraSecrets = new Set<string>();
/**
 * The registered secrets in the order they are masked: JWTs first (tokens are long, and a short
 * password that happens to occur inside one must not split it), then the rest. Every string the
 * event log stores is checked against all of them; with two tokens per server, a fleet of 50
 * made that loop a tenth of the thread that stores events. A JWT starts with `eyJ`, so a string without
 * MAYBE_SECRET's match cannot hold one and skips that part of the list.
 */
let jwtSecrets: string[] = [];
let otherSecrets: string[] = [];
/** The same list lowercased with its any-case pattern, made once per change: forwarder names of every poll go through it. */
let anyCaseSecrets: { lower: string; pattern: RegExp }[] = [];

function secretsChanged(): void {
  const all = [...extraSecrets];
  jwtSecrets = all.filter((v) => v.startsWith('eyJ'));
  otherSecrets = all.filter((v) => !v.startsWith('eyJ'));
  anyCaseSecrets = [...jwtSecrets, ...otherSecrets].map((v) => ({ lower: v.toLowerCase(), pattern: new RegExp(v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi') }));
}

/** Register a concrete secret value (a password or token) so it is masked wherever it appears. */
export function registerSecret(value: string | null | undefined): void {
  if (!value || value.length < 4 || extraSecrets.has(value)) return;
  extraSecrets.add(value);
  secretsChanged();
}
export function forgetSecret(value: string | null | undefined): void {
  if (value && extraSecrets.delete(value)) secretsChanged();
}

/**
 * Whether redactString could change `s`: one test for a row's fields joined, so that the common
 * row (no secret anywhere) is checked once rather than field by field.
 */
export function mayHoldSecret(s: string): boolean {
  if (MAYBE_SECRET.test(s)) return true;
  for (const secret of otherSecrets) if (s.includes(secret)) return true;
  return false;
}

/**
 * At most `max` characters of `s`, masked before it is cut: a secret cut in half is no longer
 * recognised (a JWT's header and payload without its signature, the start of a password). Only
 * the first `window` characters are read, so a huge frame costs no more than a small one.
 */
export function redactedHead(s: string, max: number, window = 64 * 1024): string {
  return redactString(s.length > window ? s.slice(0, window) : s).slice(0, max);
}

export function redactString(s: string): string {
  const maybe = MAYBE_SECRET.test(s);
  let out = maybe ? s.replace(TOKEN_PARAM, '$1[REDACTED]').replace(BEARER, '$1[REDACTED]').replace(JWT, '[JWT]') : s;
  if (maybe) for (const secret of jwtSecrets) if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  for (const secret of otherSecrets) if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  return out;
}

/**
 * redactString, and registered secrets in any letter case: alert keys and incidents lowercase the
 * server's text (a threat domain, a message), and a lowercased password is still the password.
 * For short strings only (one regular expression per secret).
 */
export function redactAnyCase(s: string): string {
  let out = redactString(s);
  let lower = out.toLowerCase();
  for (const secret of anyCaseSecrets) {
    if (!lower.includes(secret.lower)) continue;
    out = out.replace(secret.pattern, '[REDACTED]');
    lower = out.toLowerCase();
  }
  return out;
}

/**
 * redactAnyCase for text of any length from a server: at most `window` characters are read and
 * kept (a hostile frame may be 4 MiB, and each registered secret is searched for in the whole text).
 */
export function redactAnyCaseHead(s: string, window = 64 * 1024): string {
  return redactAnyCase(s.length > window ? s.slice(0, window) : s);
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[…]';
  if (value instanceof Error) return { name: value.name, message: redactString(value.message) };
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redact(v, depth + 1));
  // fromEntries defines own properties: a server's `__proto__` key stays a key, never a prototype.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[REDACTED]' : redact(v, depth + 1)]));
}

/** How a secret reads inside a JSON string (once or twice escaped) and in a URL or form body. */
function encodedForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const url = encodeURIComponent(secret);
  const forms = [json, JSON.stringify(json).slice(1, -1), url, url.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()), url.replace(/%20/g, '+')];
  return [...new Set(forms)].filter((f) => f !== secret);
}

/**
 * For text that leaves the machine (the diagnostics bundle): redactString, and every registered
 * secret also in its JSON-escaped and URL-encoded forms, which a plain search for it would miss.
 */
export function redactForExport(s: string): string {
  let out = redactString(s);
  for (const secret of extraSecrets) for (const form of encodedForms(secret)) if (out.includes(form)) out = out.split(form).join('[REDACTED]');
  return out;
}
