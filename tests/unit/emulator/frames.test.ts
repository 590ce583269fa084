import { describe, expect, it } from 'vitest';
import { base32Encode, decodeJwt, totp, verifyTotp } from '../../../electron/emulator/auth';
import { isoUtc, pyDumps, pyFloat, pyFloatRepr, REST_STYLE } from '../../../electron/emulator/frames';
import { VECTORS } from '../../support/vectors';

const vectors = VECTORS;

/** JSON.parse keeping Python floats (source text with '.' or exponent) as PyFloat (Node 22 reviver context). */
function parsePy(text: string): unknown {
  type Reviver = (this: unknown, key: string, value: unknown, ctx?: { source?: string }) => unknown;
  const reviver: Reviver = (_k, v, ctx) => (typeof v === 'number' && ctx?.source && /[.eE]/.test(ctx.source) ? pyFloat(v) : v);
  return JSON.parse(text, reviver as (this: unknown, key: string, value: unknown) => unknown);
}

describe('pyDumps reproduces json.dumps byte for byte (§9)', () => {
  it.each(vectors.map((v) => [v.name, v.frame] as const))('%s', (_name, frame) => {
    expect(pyDumps(parsePy(frame))).toBe(frame);
  });

  it('escapes like ensure_ascii and prints Python floats', () => {
    expect(pyDumps({ a: 'é"\\\n\u007f', b: [1, 2.5, pyFloat(0), 1e-5, pyFloat(1e16), 1e16] })).toBe(
      '{"a": "\\u00e9\\"\\\\\\n\\u007f", "b": [1, 2.5, 0.0, 1e-05, 1e+16, 10000000000000000]}',
    );
    expect(pyDumps({ a: 'é', b: pyFloat(3) }, REST_STYLE)).toBe('{"a":"é","b":3.0}');
    expect(pyFloatRepr(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(pyDumps('😀')).toBe('"\\ud83d\\ude00"');
  });
});

describe('isoUtc (datetime.utcnow().isoformat())', () => {
  it('keeps microseconds and drops a zero fraction', () => {
    const ms = Date.UTC(2025, 7, 29, 9, 15, 2);
    expect(isoUtc(ms)).toBe('2025-08-29T09:15:02');
    expect(isoUtc(ms + 482.01)).toBe('2025-08-29T09:15:02.482010');
    expect(isoUtc(ms + 999.9999)).toBe('2025-08-29T09:15:03');
  });
});

describe('totp (RFC 6238 SHA1, 6 digits, 30 s)', () => {
  it('matches the RFC 6238 test vector', () => {
    // RFC 6238 appendix B, SHA1 key "12345678901234567890", T=59 -> 94287082 (8 digits) -> 287082
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    expect(totp(secret, 59_000)).toBe('287082');
    expect(totp(secret, 1_111_111_109_000)).toBe('081804');
    expect(verifyTotp(secret, totp(secret, 1_000_000), 1_000_000 + 30_000)).toBe(true); // valid_window=1
    expect(verifyTotp(secret, totp(secret, 1_000_000), 1_000_000 + 90_000)).toBe(false);
  });

  it('decodes JWTs and flags bad signatures', () => {
    expect(decodeJwt('garbage', Buffer.from('k')).kind).toBe('not_jwt');
  });
});
