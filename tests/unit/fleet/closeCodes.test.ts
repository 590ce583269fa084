import { describe, expect, it } from 'vitest';
import { classifyClose } from '../../../electron/core/fleet/closeCodes';
import type { SocketClose } from '../../../electron/core/hybrid-dns/WireSocket';

const close = (over: Partial<SocketClose>): SocketClose => ({
  code: 1000,
  reason: '',
  wasOpen: true,
  httpStatus: null,
  error: null,
  tls: false,
  ...over,
});

describe('classifyClose (§6.7)', () => {
  it('names the close codes a user must see differently', () => {
    expect(classifyClose(close({ reason: 'Replaced by new connection' }), 0, 60_000, 10_000).kind).toBe('replaced');
    expect(classifyClose(close({ reason: 'User disconnected' }), 0, 3_000, 10_000).kind).toBe('quick-retry');
    expect(classifyClose(close({ reason: 'User disconnected' }), 0, 60_000, 10_000).kind).toBe('network');
    expect(classifyClose(close({ wasOpen: false, httpStatus: 403 }), null, 0, 10_000).kind).toBe('handshake-403');
    expect(classifyClose(close({ wasOpen: false, httpStatus: 502 }), null, 0, 10_000)).toMatchObject({ kind: 'refused' });
    expect(classifyClose(close({ code: 1012 }), 0, 5, 10_000)).toMatchObject({ kind: 'network', unreachable: false });
    expect(classifyClose(close({ wasOpen: false, error: 'connect ECONNREFUSED' }), null, 0, 10_000)).toMatchObject({
      kind: 'network',
      unreachable: true,
    });
  });
});
