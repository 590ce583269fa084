import { describe, expect, it } from 'vitest';
import { jwtExpiryMs, refreshDelayMs } from '../../../electron/core/hybrid-dns/auth';
import { formatFingerprint, sameFingerprint } from '../../../electron/core/hybrid-dns/tls';
import { redactString } from '../../../electron/core/util/redact';

const jwt = (claims: object): string =>
  `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2lnbmF0dXJlLXBhcnQ`;

describe('token lifetime', () => {
  it('reads exp from the JWT payload (no expires_in is returned)', () => {
    expect(jwtExpiryMs(jwt({ sub: 'monitor', user_id: 1, exp: 1_756_460_000 }))).toBe(1_756_460_000_000);
    expect(jwtExpiryMs('not-a-jwt')).toBeNull();
  });

  it('refreshes at 80 % of the remaining life, never in a tight loop when clocks disagree', () => {
    expect(refreshDelayMs(0, 30 * 60_000)).toBe(24 * 60_000);
    expect(refreshDelayMs(10 * 60_000, 5 * 60_000)).toBe(24 * 60_000);
    expect(refreshDelayMs(0, 10_000)).toBe(30_000);
  });

  it('tokens in URLs are redacted', () => {
    const t = jwt({ sub: 'x', exp: 1 });
    expect(redactString(`wss://h/api/unified/ws?token=${t}`)).toBe('wss://h/api/unified/ws?token=[REDACTED]');
  });
});

describe('fingerprints', () => {
  it('compare regardless of case and separators', () => {
    expect(sameFingerprint('ab:cd:ef', 'ABCDEF')).toBe(true);
    expect(sameFingerprint('ab:cd:ef', 'ABCDE0')).toBe(false);
    expect(formatFingerprint('abcdef')).toBe('AB:CD:EF');
  });
});
