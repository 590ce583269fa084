// /api/auth/* (§1.1–§1.5, auth.py, schemas/auth.py, core/dependencies.py).
import { randomBytes } from 'node:crypto';
import { verifyTotp } from './auth';
import type { EmulatorContext } from './context';
import { isoUtc } from './frames';
import { detail, json, type RestResult } from './httpUtil';
import type { LegacyHub } from './legacySocket';
import type { UserRecord } from './state';

export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  ip: string;
  body(): Promise<string>;
}

/** core/error_handlers.py::validation_exception_handler body (Q26). */
export function validationError(
  ctx: EmulatorContext,
  req: RestRequest,
  details: Array<{ field: string; message: string; type: string }>,
): RestResult {
  return json(422, {
    message: 'Request validation failed',
    error_code: 'VALIDATION_ERROR',
    details,
    suggestions: ['Check the request format and required fields'],
    timestamp: isoUtc(ctx.now()),
    path: req.path,
    method: req.method,
  });
}

/** main.py::not_found_handler: every 404, even an endpoint's own (Q26). */
export function notFound(ctx: EmulatorContext, req: RestRequest): RestResult {
  return json(404, {
    message: `The requested path '${req.path}' was not found`,
    error_code: 'NOT_FOUND',
    details: { path: req.path },
    suggestions: ['Check the URL for typos', 'See /docs for the list of endpoints'],
    timestamp: isoUtc(ctx.now()),
    path: req.path,
    method: req.method,
  });
}

async function jsonBody(req: RestRequest): Promise<Record<string, unknown> | null> {
  try {
    const v: unknown = JSON.parse(await req.body());
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** "Real" REST auth (§1.5): returns the user or the error the server would send. */
export function realAuth(ctx: EmulatorContext, req: RestRequest): UserRecord | RestResult {
  const h = req.headers['authorization'];
  if (typeof h !== 'string' || h.length === 0) return detail(403, 'Not authenticated'); // HTTPBearer, FastAPI 0.104
  const [scheme, cred] = h.split(/\s+/, 2);
  if (scheme?.toLowerCase() !== 'bearer' || !cred) return detail(403, 'Invalid authentication credentials');
  const www = { 'www-authenticate': 'Bearer' };
  const claims = ctx.tokens.verify(cred);
  if (!claims) return detail(401, 'Invalid token', www);
  if (typeof claims['sub'] !== 'string' || typeof claims['user_id'] !== 'number') return detail(401, 'Invalid token payload', www);
  const user = ctx.state.userById(claims['user_id']);
  if (!user) return notFound(ctx, req); // "User not found" is lost to the 404 handler (Q26)
  if (user.disabled) return detail(403, 'User account is disabled');
  return user;
}

export class AuthRoutes {
  private readonly loginHits = new Map<string, number[]>();

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly legacy: LegacyHub,
  ) {}

  async login(req: RestRequest): Promise<RestResult> {
    const { ctx } = this;
    const limit = ctx.opts.loginRateLimitPerMinute;
    if (limit !== undefined && this.rateLimited(req.ip, limit)) {
      return json(429, { error: `Rate limit exceeded: ${limit} per 1 minute` });
    }
    const body = await jsonBody(req);
    const r = body
      ? this.validate(req, body)
      : validationError(ctx, req, [{ field: 'body', message: 'Invalid JSON body', type: 'json_invalid' }]);
    if (r) {
      ctx.counters.loginsFailed++;
      return r;
    }
    const b = body as { username: string; password: string; totp_code?: string | null };
    const user = ctx.state.users.get(b.username);
    const fail = (res: RestResult): RestResult => {
      ctx.counters.loginsFailed++;
      return res;
    };
    // Q10: the lock is checked first and never expires; only a success would reset the counter.
    if (user && user.failedAttempts >= 5) return fail(detail(423, 'Account is temporarily locked due to multiple failed attempts'));
    if (!user || user.password !== b.password) {
      if (user) user.failedAttempts++;
      return fail(detail(401, 'Invalid credentials', { 'www-authenticate': 'Bearer' }));
    }
    if (user.disabled) return fail(detail(403, 'Account is disabled'));
    if (user.totpSecret) {
      if (!b.totp_code) {
        return json(200, {
          access_token: null,
          refresh_token: null,
          token_type: 'bearer',
          session_token: null,
          requires_2fa: true,
          temporary_token: ctx.tokens.temporary(user.username),
        });
      }
      if (!verifyTotp(user.totpSecret, b.totp_code, ctx.now())) return fail(detail(401, 'Invalid 2FA code'));
    }
    user.failedAttempts = 0;
    user.lastLogin = isoUtc(ctx.now());
    ctx.counters.loginsOk++;
    const subject = { username: user.username, userId: user.id, isAdmin: user.isAdmin };
    return json(200, {
      access_token: ctx.tokens.access(subject),
      refresh_token: ctx.tokens.refresh(subject),
      token_type: 'bearer',
      session_token: ctx.tokens.mint(randomBytes(32).toString('base64url')),
      requires_2fa: false,
      temporary_token: null,
    });
  }

  /** LoginRequest (pydantic): username 3–50, password >= 1, totp_code ^\d{6}$. */
  private validate(req: RestRequest, b: Record<string, unknown>): RestResult | null {
    const d: Array<{ field: string; message: string; type: string }> = [];
    const u = b['username'];
    const p = b['password'];
    const t = b['totp_code'];
    if (typeof u !== 'string') d.push({ field: 'body.username', message: 'Field required', type: 'missing' });
    else if (u.length < 3)
      d.push({ field: 'body.username', message: 'String should have at least 3 characters', type: 'string_too_short' });
    else if (u.length > 50)
      d.push({ field: 'body.username', message: 'String should have at most 50 characters', type: 'string_too_long' });
    if (typeof p !== 'string') d.push({ field: 'body.password', message: 'Field required', type: 'missing' });
    else if (p.length < 1) d.push({ field: 'body.password', message: 'String should have at least 1 character', type: 'string_too_short' });
    if (t !== undefined && t !== null && (typeof t !== 'string' || !/^\d{6}$/.test(t))) {
      d.push({ field: 'body.totp_code', message: "String should match pattern '^\\d{6}$'", type: 'string_pattern_mismatch' });
    }
    return d.length ? validationError(this.ctx, req, d) : null;
  }

  private rateLimited(ip: string, limit: number): boolean {
    const now = Date.now();
    const hits = (this.loginHits.get(ip) ?? []).filter((x) => now - x < 60_000);
    hits.push(now);
    this.loginHits.set(ip, hits);
    return hits.length > limit;
  }

  /** §1.3: body refresh_token; new access token without is_admin; not rotated. */
  async refresh(req: RestRequest): Promise<RestResult> {
    const body = await jsonBody(req);
    const token = body?.['refresh_token'];
    if (typeof token !== 'string') {
      return validationError(this.ctx, req, [{ field: 'body.refresh_token', message: 'Field required', type: 'missing' }]);
    }
    const claims = this.ctx.tokens.verify(token);
    if (!claims || claims['type'] !== 'refresh' || typeof claims['sub'] !== 'string') {
      return detail(401, 'Invalid refresh token', { 'www-authenticate': 'Bearer' });
    }
    const user = this.ctx.state.users.get(claims['sub']);
    const userId = typeof claims['user_id'] === 'number' ? claims['user_id'] : (user?.id ?? 0);
    this.ctx.counters.refreshes++;
    return json(200, { access_token: this.ctx.tokens.refreshedAccess(claims['sub'], userId), token_type: 'bearer' });
  }

  me(user: UserRecord): RestResult {
    return json(200, {
      id: user.id,
      username: user.username,
      email: user.email,
      is_active: !user.disabled,
      is_superuser: user.isAdmin,
      two_factor_enabled: Boolean(user.totpSecret),
      last_login: user.lastLogin,
      created_at: user.createdAt,
    });
  }

  /** §1.4: JWTs stay valid; emits legacy user_logout to admin sockets (L6); Q15 closes nothing. */
  logout(user: UserRecord): RestResult {
    this.legacy.userLogout(user.id, user.username);
    return json(200, { message: 'Successfully logged out' });
  }
}
