// fail2ban as install.sh configures it (§6.6), plus the unified per-IP auth lockout (Q11).
// Jail hybrid-dns-api: 20 x /api/ answered 429/500/502/503 in 5 min -> ban 30 min.
// Jail hybrid-dns-auth: 5 x POST /api/auth/login answered 401/403/422 in 10 min -> ban 1 h.
// Bans and windows use the real clock (Date.now), like fail2ban reading nginx logs.
import { HOUR, MINUTE } from './constants';
import type { BanInfo } from './types';

interface Jail {
  name: BanInfo['jail'];
  maxRetry: number;
  findTimeMs: number;
  banMs: number;
}

export class Fail2ban {
  private readonly hits = new Map<string, number[]>(); // `${jail}|${ip}` -> times
  private readonly bans = new Map<string, BanInfo>(); // `${jail}|${ip}`
  private readonly api: Jail;
  private readonly auth: Jail;

  constructor(
    private readonly enabled: boolean,
    apiBanMs = 30 * MINUTE,
    authBanMs = HOUR,
  ) {
    this.api = { name: 'hybrid-dns-api', maxRetry: 20, findTimeMs: 5 * MINUTE, banMs: apiBanMs };
    this.auth = { name: 'hybrid-dns-auth', maxRetry: 5, findTimeMs: 10 * MINUTE, banMs: authBanMs };
  }

  /** Feed one answered request (as nginx would log it). */
  record(ip: string, method: string, path: string, status: number): void {
    if (!this.enabled || !path.startsWith('/api/')) return;
    if ([429, 500, 502, 503].includes(status)) this.hit(this.api, ip);
    if (method === 'POST' && path === '/api/auth/login' && [401, 403, 422].includes(status)) this.hit(this.auth, ip);
  }

  private hit(jail: Jail, ip: string): void {
    const key = `${jail.name}|${ip}`;
    const now = Date.now();
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < jail.findTimeMs);
    list.push(now);
    if (list.length >= jail.maxRetry) {
      this.bans.set(key, { ip, jail: jail.name, until: now + jail.banMs });
      this.hits.delete(key);
    } else {
      this.hits.set(key, list);
    }
  }

  isBanned(ip: string): boolean {
    const now = Date.now();
    let banned = false;
    for (const [k, b] of this.bans) {
      if (b.until <= now) this.bans.delete(k);
      else if (b.ip === ip) banned = true;
    }
    return banned;
  }

  active(): BanInfo[] {
    this.isBanned('');
    return [...this.bans.values()].map((b) => ({ ...b }));
  }

  clear(): void {
    this.bans.clear();
    this.hits.clear();
  }

  /** A ban as if the jail had just filled up (chaos tests inject one without 20 failures). */
  banNow(ip: string, ms: number): void {
    this.bans.set(`${this.api.name}|${ip}`, { ip, jail: this.api.name, until: Date.now() + ms });
  }
}

/** websocket/auth.py: 5 failed unified authentications per IP lock it out for 15 min (Q11). */
export class UnifiedLockout {
  private readonly failures = new Map<string, number>();
  private readonly lockedUntil = new Map<string, number>();

  constructor(private readonly lockMs: number) {}

  isLocked(ip: string): boolean {
    const until = this.lockedUntil.get(ip);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.lockedUntil.delete(ip);
    return false;
  }

  fail(ip: string): void {
    const n = (this.failures.get(ip) ?? 0) + 1;
    if (n >= 5) {
      this.lockedUntil.set(ip, Date.now() + this.lockMs);
      this.failures.delete(ip);
    } else {
      this.failures.set(ip, n);
    }
  }

  /** Any success from that IP resets the count. */
  success(ip: string): void {
    this.failures.delete(ip);
  }

  clear(): void {
    this.failures.clear();
    this.lockedUntil.clear();
  }
}
