/**
 * Authentication against one server (§1). Pure request/response helpers returning outcomes as
 * data; the session decides what to do. Tokens and passwords never reach a log line: they are
 * registered with the redactor as soon as they are known.
 */
import { registerSecret } from '../util/redact';
import { detailOf, type RestClient, type RestResult } from './RestClient';
import { LoginResponseSchema, RefreshResponseSchema, UserInfoSchema } from './wire/rest';

export interface Tokens {
  access: string;
  /** Epoch ms from the JWT `exp` (no expires_in is returned, §1.1). */
  expMs: number | null;
}

export type LoginOutcome =
  | { kind: 'ok'; tokens: Tokens; refresh: string | null }
  | { kind: 'needs-2fa' }
  | { kind: 'bad-totp'; detail: string }
  | { kind: 'auth-failed'; status: number; detail: string }
  | { kind: 'locked'; detail: string }
  | Unavailable;

export type Unavailable = { kind: 'unavailable'; status: number | null; detail: string; banCounted: boolean; tls: boolean };
export type RefreshOutcome = { kind: 'ok'; tokens: Tokens } | { kind: 'rejected'; detail: string } | Unavailable;
export type MeOutcome = { kind: 'valid'; isAdmin: boolean } | { kind: 'invalid'; status: number } | Unavailable;

const unavailable = (r: Extract<RestResult, { ok: false }>): Unavailable => ({
  kind: 'unavailable',
  status: r.status,
  detail: r.error,
  banCounted: r.banCounted,
  tls: r.tls,
});

/** Reads `exp` from a JWT payload without verifying it (we only schedule the refresh with it). */
export function jwtExpiryMs(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

const DEFAULT_ACCESS_LIFETIME_MS = 30 * 60_000; // §1.2
const MIN_REFRESH_DELAY_MS = 30_000;

/**
 * When to refresh: at `ratio` (80 %) of the remaining lifetime. A token that already looks
 * expired on arrival means the clocks disagree (exp is server time): assume the default 30 min
 * rather than refreshing in a tight loop; never sooner than 30 s.
 */
export function refreshDelayMs(now: number, expMs: number | null, ratio = 0.8): number | null {
  if (expMs === null) return null;
  const remaining = expMs - now > 0 ? expMs - now : DEFAULT_ACCESS_LIFETIME_MS;
  return Math.max(MIN_REFRESH_DELAY_MS, Math.floor(remaining * ratio));
}

export async function login(rest: RestClient, username: string, password: string, totpCode?: string): Promise<LoginOutcome> {
  registerSecret(password);
  const body: Record<string, string> = { username, password };
  if (totpCode !== undefined) body.totp_code = totpCode;
  const r = await rest.post('/api/auth/login', body);
  if (!r.ok) return loginFailure(r, totpCode !== undefined);
  const parsed = LoginResponseSchema.safeParse(r.body);
  if (!parsed.success)
    return { kind: 'unavailable', status: r.status, detail: 'login reply not understood', banCounted: false, tls: false };
  if (parsed.data.requires_2fa && !parsed.data.access_token) return { kind: 'needs-2fa' };
  const access = parsed.data.access_token;
  if (!access) return { kind: 'unavailable', status: r.status, detail: 'login reply without a token', banCounted: false, tls: false };
  registerSecret(access);
  registerSecret(parsed.data.refresh_token ?? null);
  return { kind: 'ok', tokens: { access, expMs: jwtExpiryMs(access) }, refresh: parsed.data.refresh_token ?? null };
}

function loginFailure(r: Extract<RestResult, { ok: false }>, sentTotp: boolean): LoginOutcome {
  const detail = detailOf(r.body).trim() || r.error;
  if (r.status === 423) return { kind: 'locked', detail };
  if (r.status === 401 && sentTotp && /2FA/i.test(detail)) return { kind: 'bad-totp', detail };
  // 422 with a totp code: malformed code (not 6 digits); the password was not judged.
  if (r.status === 422 && sentTotp) return { kind: 'bad-totp', detail };
  if (r.status === 401 || r.status === 403 || r.status === 422) return { kind: 'auth-failed', status: r.status, detail };
  return unavailable(r);
}

export async function refresh(rest: RestClient, refreshToken: string): Promise<RefreshOutcome> {
  // §1.3: the refresh token goes in the JSON body, not the Authorization header.
  const r = await rest.post('/api/auth/refresh', { refresh_token: refreshToken });
  if (!r.ok) return r.status === 401 || r.status === 403 || r.status === 422 ? { kind: 'rejected', detail: r.error } : unavailable(r);
  const parsed = RefreshResponseSchema.safeParse(r.body);
  if (!parsed.success) return { kind: 'rejected', detail: 'refresh reply without a token' };
  registerSecret(parsed.data.access_token);
  return { kind: 'ok', tokens: { access: parsed.data.access_token, expMs: jwtExpiryMs(parsed.data.access_token) } };
}

/** GET /api/auth/me: the canonical token probe (Q25). */
export async function probeMe(rest: RestClient, token: string): Promise<MeOutcome> {
  const r = await rest.get('/api/auth/me', token);
  if (r.ok) {
    const me = UserInfoSchema.safeParse(r.body);
    return { kind: 'valid', isAdmin: me.success ? me.data.is_superuser === true : false };
  }
  if (r.status === 401 || r.status === 403 || r.status === 404) return { kind: 'invalid', status: r.status };
  return unavailable(r);
}
