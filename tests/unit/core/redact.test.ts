import { describe, expect, it } from 'vitest';
import { forgetSecret, redact, redactString, registerSecret } from '../../../electron/core/util/redact';

describe('redaction', () => {
  it('masks the token in a WebSocket URL (protocol §1.6 puts it in the query)', () => {
    const url = 'wss://dns1.example:443/api/unified/ws?token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtb25pdG9yIn0.c2lnbmF0dXJl&x=1';
    expect(redactString(url)).toBe('wss://dns1.example:443/api/unified/ws?token=[REDACTED]&x=1');
  });
  it('masks bare JWTs, bearer headers and secret-named fields', () => {
    const out = redact({
      authorization: 'Bearer abc.def.ghi',
      note: 'got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtb25pdG9yIn0.c2lnbmF0dXJl back',
      nested: { refresh_token: 'r', password: 'p', ok: 'fine' },
    });
    expect(out).toEqual({ authorization: '[REDACTED]', note: 'got [JWT] back', nested: { refresh_token: '[REDACTED]', password: '[REDACTED]', ok: 'fine' } });
  });
  it('masks a registered password wherever it appears in free text', () => {
    registerSecret('hunter2-long-pass');
    expect(redactString('login failed for monitor with hunter2-long-pass')).toBe('login failed for monitor with [REDACTED]');
  });
  it('masks a registered token whole even when a registered password occurs inside it', () => {
    // A token cut where the JWT pattern no longer sees three parts is still a registered secret.
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwYXNzMTIzNCJ9';
    registerSecret('OiJIUzI1'); // a password that happens to occur inside the token, registered first
    registerSecret(token);
    expect(redactString(`refresh with ${token} failed`)).toBe('refresh with [REDACTED] failed');
    forgetSecret(token);
    expect(redactString(`refresh with ${token} failed`)).toBe('refresh with eyJhbGci[REDACTED]NiJ9.eyJzdWIiOiJwYXNzMTIzNCJ9 failed');
    forgetSecret('OiJIUzI1');
  });
});
