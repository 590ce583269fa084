/**
 * Token custody for one server (§1): access token in memory, refresh token in the credential
 * store, password read from the store (or env in the CLI) only when a login is needed.
 * Rules: refresh at ~80 % of the JWT lifetime; when a refresh is refused, log in again with the
 * stored password ONCE; after 401/423 never try that password again automatically (five
 * failures lock the account for good, Q10). A new password (different hash) lifts the block.
 */
import { createHash } from 'node:crypto';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { CredentialStore } from '../credentials/CredentialStore';
import { login, probeMe, refresh, refreshDelayMs, type LoginOutcome, type Tokens, type Unavailable } from '../hybrid-dns/auth';
import type { RestClient } from '../hybrid-dns/RestClient';
import type { Clock, Logger, TimerHandle } from '../platform';
import { forgetSecret, registerSecret } from '../util/redact';

export type AuthResult =
  | { kind: 'ok'; token: string }
  | { kind: 'needs-2fa'; detail: string }
  | { kind: 'auth-failed'; detail: string }
  | { kind: 'locked'; detail: string }
  | Unavailable;

export interface SessionAuthDeps {
  config: ServerConfig;
  clock: Clock;
  logger: Logger;
  credentials: CredentialStore;
  passwordFromEnv?: (config: ServerConfig) => string | null;
  refreshRatio: number;
}

const hash = (s: string): string => createHash('sha256').update(s).digest('hex');

export class SessionAuth {
  private tokens: Tokens | null = null;
  private refreshTimer: TimerHandle | null = null;
  private refreshAt: number | null = null;
  private blockedPasswordHash: string | null = null;
  isAdmin = false;

  constructor(private readonly deps: SessionAuthDeps) {}

  get token(): string | null {
    return this.tokens?.access ?? null;
  }

  /** When the access token expires (its JWT `exp`), if known. */
  get expiresAtMs(): number | null {
    return this.tokens?.expMs ?? null;
  }

  /** When the proactive refresh (or its retry) is due; null when none is armed. */
  get nextRefreshAtMs(): number | null {
    return this.refreshTimer === null ? null : this.refreshAt;
  }

  /** A usable access token: the current one, else a refresh, else one password login. */
  async ensure(rest: RestClient): Promise<AuthResult> {
    const now = this.deps.clock.now();
    if (this.tokens && (this.tokens.expMs === null || this.tokens.expMs - now > 30_000)) return { kind: 'ok', token: this.tokens.access };
    const refreshed = await this.tryRefresh(rest);
    if (refreshed) return refreshed;
    return this.loginWithPassword(rest);
  }

  /** After a 401 or a refused handshake: the token was judged bad. Refresh, else log in once. */
  async recover(rest: RestClient): Promise<AuthResult> {
    if (this.tokens) {
      const me = await probeMe(rest, this.tokens.access);
      if (me.kind === 'valid') return { kind: 'ok', token: this.tokens.access };
      if (me.kind === 'unavailable') return me;
    }
    this.tokens = null;
    return this.ensure(rest);
  }

  async loginWithPassword(rest: RestClient, totpCode?: string): Promise<AuthResult> {
    const password = await this.password();
    if (password === null) return { kind: 'auth-failed', detail: 'No password stored for this server' };
    if (this.blockedPasswordHash === hash(password))
      return { kind: 'auth-failed', detail: 'The stored password was refused; set a new one' };
    const outcome = await login(rest, this.deps.config.username, password, totpCode);
    return this.afterLogin(outcome, password);
  }

  /** Arms the proactive refresh. `onLost` is called when the session can no longer authenticate. */
  scheduleRefresh(rest: RestClient, onLost: (r: AuthResult) => void, retryMs: number): void {
    this.cancelRefresh();
    const delay = refreshDelayMs(this.deps.clock.now(), this.tokens?.expMs ?? null, this.deps.refreshRatio);
    if (delay === null) return;
    this.refreshAt = this.deps.clock.now() + delay;
    this.refreshTimer = this.deps.clock.setTimeout(() => void this.refreshTick(rest, onLost, retryMs), delay);
  }

  cancelRefresh(): void {
    if (this.refreshTimer !== null) this.deps.clock.clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  /** The user set a new password: allow one automatic attempt again. */
  clearBlock(): void {
    this.blockedPasswordHash = null;
  }

  dispose(): void {
    this.cancelRefresh();
    forgetSecret(this.tokens?.access);
    this.tokens = null;
  }

  private async refreshTick(rest: RestClient, onLost: (r: AuthResult) => void, retryMs: number): Promise<void> {
    this.refreshTimer = null;
    const refreshed = await this.tryRefresh(rest);
    const result = refreshed ?? (await this.loginWithPassword(rest));
    if (result.kind === 'ok') return this.scheduleRefresh(rest, onLost, retryMs);
    if (result.kind === 'unavailable') {
      // Network trouble: the current token still works for a while; try again later.
      this.refreshAt = this.deps.clock.now() + retryMs;
      this.refreshTimer = this.deps.clock.setTimeout(() => void this.refreshTick(rest, onLost, retryMs), retryMs);
      return;
    }
    onLost(result);
  }

  /** null when there is no refresh token or it was refused (then a login is due). */
  private async tryRefresh(rest: RestClient): Promise<AuthResult | null> {
    const stored = await this.deps.credentials.get(this.deps.config.id, 'refresh').catch(() => null);
    if (!stored) return null;
    registerSecret(stored);
    const r = await refresh(rest, stored);
    if (r.kind === 'ok') {
      this.setTokens(r.tokens);
      return { kind: 'ok', token: r.tokens.access };
    }
    if (r.kind === 'unavailable') return r;
    this.deps.logger.info('refresh token refused; logging in again', { serverId: this.deps.config.id });
    await this.deps.credentials.delete(this.deps.config.id, 'refresh').catch(() => undefined);
    return null;
  }

  private async afterLogin(outcome: LoginOutcome, password: string): Promise<AuthResult> {
    switch (outcome.kind) {
      case 'ok':
        this.setTokens(outcome.tokens);
        if (outcome.refresh) await this.deps.credentials.set(this.deps.config.id, 'refresh', outcome.refresh).catch(() => undefined);
        return { kind: 'ok', token: outcome.tokens.access };
      case 'needs-2fa':
        return { kind: 'needs-2fa', detail: 'Enter the 6-digit code from the authenticator app' };
      case 'bad-totp':
        return { kind: 'needs-2fa', detail: `Code refused (${outcome.detail}); enter a new code` };
      case 'auth-failed':
        this.blockedPasswordHash = hash(password);
        return { kind: 'auth-failed', detail: `HTTP ${outcome.status}: ${outcome.detail}` };
      case 'locked':
        this.blockedPasswordHash = hash(password);
        return { kind: 'locked', detail: `HTTP 423: ${outcome.detail}` };
      default:
        return outcome;
    }
  }

  private setTokens(tokens: Tokens): void {
    if (this.tokens) forgetSecret(this.tokens.access);
    this.tokens = tokens;
  }

  private async password(): Promise<string | null> {
    const fromEnv = this.deps.passwordFromEnv?.(this.deps.config) ?? null;
    const pw = fromEnv ?? (await this.deps.credentials.get(this.deps.config.id, 'password').catch(() => null));
    registerSecret(pw);
    return pw;
  }
}

/** The state a refused sign-in leaves the server in (a human must act), or null for transient failures. */
export function stateForAuth(r: AuthResult): { state: 'needs-2fa' | 'auth-failed' | 'account-locked'; detail: string } | null {
  if (r.kind === 'needs-2fa' || r.kind === 'auth-failed') return { state: r.kind, detail: r.detail };
  if (r.kind === 'locked') {
    return {
      state: 'account-locked',
      detail: `${r.detail}. An administrator must unlock the account; no password is retried automatically`,
    };
  }
  return null;
}
