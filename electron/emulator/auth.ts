// JWT HS256 and TOTP (RFC 6238) with node:crypto only, plus the three token checks the server
// uses: strict REST (§1.5), lax legacy WS (§1.7, Q22) and unified WS with its claim fallback (§1.7).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type Claims = Record<string, unknown>;

const b64u = (buf: Buffer | string): string => Buffer.from(buf).toString('base64url');

/** python-jose encodes the header {"alg": "HS256", "typ": "JWT"} compactly. */
export function signJwt(claims: Claims, secret: Buffer): string {
  const head = b64u(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64u(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export type DecodeResult = { kind: 'not_jwt' } | { kind: 'jwt'; claims: Claims; signatureOk: boolean };

/** Decode without trusting it; report whether the signature matches. */
export function decodeJwt(token: string, secret: Buffer): DecodeResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { kind: 'not_jwt' };
  const [head, body, sig] = parts as [string, string, string];
  let claims: unknown;
  try {
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as unknown;
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null) return { kind: 'not_jwt' };
  } catch {
    return { kind: 'not_jwt' };
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return { kind: 'not_jwt' };
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  const signatureOk = given.length === expected.length && timingSafeEqual(given, expected);
  return { kind: 'jwt', claims: claims as Claims, signatureOk };
}

// ---- TOTP ----

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(input: string): Buffer {
  const clean = input.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = B32.indexOf(ch);
    if (idx < 0) throw new Error(`invalid base32 character: ${ch}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

function hotp(key: Buffer, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

/** RFC 6238 TOTP: 6 digits, 30 s step, HMAC-SHA1 (pyotp defaults). */
export function totp(secretBase32: string, atMs: number): string {
  return hotp(base32Decode(secretBase32), Math.floor(atMs / 1000 / 30));
}

/** pyotp verify with valid_window=1 (§1.1). */
export function verifyTotp(secretBase32: string, code: string, atMs: number): boolean {
  const key = base32Decode(secretBase32);
  const step = Math.floor(atMs / 1000 / 30);
  return [-1, 0, 1].some((d) => hotp(key, step + d) === code);
}

// ---- token service ----

export interface TokenSubject {
  username: string;
  userId: number;
  isAdmin: boolean;
}

export class TokenService {
  private readonly secret = randomBytes(32);
  private readonly issued = new Set<string>();
  /** every secret this server ever handed out, for leak tests (control.issuedSecrets) */
  readonly minted: string[] = [];
  /** access tokens forced to behave as expired (expireTokens control) */
  private readonly revoked = new Set<string>();

  constructor(
    private readonly now: () => number,
    private readonly accessTtlSec: number,
    private readonly refreshTtlSec: number,
  ) {}

  private expIn(sec: number): number {
    return Math.floor(this.now() / 1000) + sec;
  }

  /** §1.2: {"sub","user_id","is_admin","exp"} */
  access(s: TokenSubject): string {
    return this.track(
      signJwt({ sub: s.username, user_id: s.userId, is_admin: s.isAdmin, exp: this.expIn(this.accessTtlSec) }, this.secret),
    );
  }

  /** §1.2: same claims plus "type": "refresh" */
  refresh(s: TokenSubject): string {
    return this.mint(signJwt(
      { sub: s.username, user_id: s.userId, is_admin: s.isAdmin, exp: this.expIn(this.refreshTtlSec), type: 'refresh' },
      this.secret,
    ));
  }

  /** §1.3: refreshed access token has no is_admin */
  refreshedAccess(username: string, userId: number): string {
    return this.track(signJwt({ sub: username, user_id: userId, exp: this.expIn(this.accessTtlSec) }, this.secret));
  }

  /** §1.1: 2FA temporary token, 5 min, claims sub+temp */
  temporary(username: string): string {
    return this.mint(signJwt({ sub: username, temp: true, exp: this.expIn(300) }, this.secret));
  }

  private track(token: string): string {
    this.issued.add(token);
    return this.mint(token);
  }

  mint(secret: string): string {
    if (this.minted.length < 10_000) this.minted.push(secret);
    return secret;
  }

  expireAll(): void {
    for (const t of this.issued) this.revoked.add(t);
    this.issued.clear();
  }

  /** Verified and unexpired claims, or null (python-jose decode). */
  verify(token: string): Claims | null {
    const d = decodeJwt(token, this.secret);
    if (d.kind !== 'jwt' || !d.signatureOk) return null;
    if (!this.unexpired(d.claims) || this.revoked.has(token)) return null;
    return d.claims;
  }

  unexpired(claims: Claims): boolean {
    const exp = claims['exp'];
    return typeof exp !== 'number' || exp > this.now() / 1000;
  }

  /** Unified authenticator (§1.7): verified, else unverified claims with sub and unexpired exp. */
  unifiedClaims(token: string): Claims | null {
    const d = decodeJwt(token, this.secret);
    if (d.kind !== 'jwt') return null;
    if (typeof d.claims['sub'] !== 'string') return null;
    if (!this.unexpired(d.claims) || this.revoked.has(token)) return null;
    return d.claims;
  }

  /** Legacy auth (§1.7, Q22): unverified claims accepted without expiry; non-JWT -> admin id 1. */
  legacyClaims(token: string): Claims | 'no_sub' {
    const d = decodeJwt(token, this.secret);
    if (d.kind === 'not_jwt') return { sub: 'admin', user_id: 1, is_admin: true };
    if (typeof d.claims['sub'] !== 'string') return 'no_sub';
    return d.claims;
  }
}
