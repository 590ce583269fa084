import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, PUSH_CHANNELS, type ApiHandlers } from '../../../shared/ipc/contract';
import { ApiFailure, dispatchInvoke } from '../../../shared/ipc/dispatch';

// A handler table where every channel answers `undefined` unless overridden: enough to exercise
// the dispatcher's validation of requests and responses.
function handlers(overrides: Partial<ApiHandlers>): ApiHandlers {
  const base = Object.fromEntries(INVOKE_CHANNELS.map((c) => [c, async () => undefined])) as unknown as ApiHandlers;
  return { ...base, ...overrides };
}

describe('dispatchInvoke', () => {
  it('answers an unknown channel with an error result instead of throwing', async () => {
    const r = await dispatchInvoke(handlers({}), 'fleet:dropTables', {});
    expect(r).toEqual({ ok: false, error: { code: 'unknown-channel', message: expect.stringContaining('unknown channel') } });
  });

  it('rejects an invalid payload with the offending field named', async () => {
    const r = await dispatchInvoke(handlers({}), 'servers:submitTotp', { id: 'a', code: '12345' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-request');
      expect(r.error.message).toContain('code');
    }
  });

  it('applies request defaults before the handler sees the request', async () => {
    let seen: unknown;
    const r = await dispatchInvoke(
      handlers({
        'alerts:list': async (req) => {
          seen = req;
          return [];
        },
      }),
      'alerts:list',
      {},
    );
    expect(r).toEqual({ ok: true, value: [] });
    expect(seen).toEqual({ includeResolved: false, limit: 200 });
  });

  it('turns a thrown ApiFailure into its error code and anything else into internal', async () => {
    const notFound = await dispatchInvoke(
      handlers({
        'servers:remove': async () => {
          throw new ApiFailure('not-found', 'no server x');
        },
      }),
      'servers:remove',
      { id: 'x' },
    );
    expect(notFound).toEqual({ ok: false, error: { code: 'not-found', message: 'no server x' } });
    const crash = await dispatchInvoke(
      handlers({
        'servers:remove': async () => {
          throw new TypeError('boom');
        },
      }),
      'servers:remove',
      { id: 'x' },
    );
    expect(crash).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('never lets an off-contract response through (e.g. a leaked secret field is stripped or refused)', async () => {
    const r = await dispatchInvoke(handlers({ 'servers:list': async () => [{ id: 'bad id!' }] as never }), 'servers:list', {});
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'response of servers:list failed validation' } });
  });

  it('declares push channels in the domain:onDidX form', () => {
    for (const c of PUSH_CHANNELS) expect(c).toMatch(/^[a-z]+:onDid[A-Z][A-Za-z]+$/);
  });
});
