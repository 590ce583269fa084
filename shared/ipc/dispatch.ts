import { invokeChannels, isInvokeChannel, type ApiHandlers, type ApiResult, type InvokeChannel } from './contract';

/**
 * Validate and dispatch one invoke: the single entry every host transport uses. Invalid input is
 * answered with an error result; a handler that throws becomes an `internal` error result.
 * The response is validated too, so a bug can never leak an off-contract object to the renderer.
 */
export async function dispatchInvoke(
  handlers: ApiHandlers,
  channel: unknown,
  payload: unknown,
  onError?: (channel: string, err: unknown) => void,
): Promise<ApiResult<unknown>> {
  if (!isInvokeChannel(channel)) {
    return { ok: false, error: { code: 'unknown-channel', message: `unknown channel ${String(channel).slice(0, 80)}` } };
  }
  const spec = invokeChannels[channel];
  const parsed = spec.request.safeParse(payload ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-request', message: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') } };
  }
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = spec.response.safeParse(value);
    if (!checked.success) {
      onError?.(channel, checked.error);
      return { ok: false, error: { code: 'internal', message: `response of ${channel} failed validation` } };
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    onError?.(channel, err);
    const e = err as { code?: string; message?: string };
    const code = e?.code === 'not-found' || e?.code === 'conflict' || e?.code === 'unavailable' || e?.code === 'invalid-request' ? e.code : 'internal';
    return { ok: false, error: { code, message: String(e?.message ?? err).slice(0, 500) } };
  }
}

/** Throw from a handler to answer with a specific error code. */
export class ApiFailure extends Error {
  constructor(
    readonly code: 'not-found' | 'conflict' | 'unavailable' | 'invalid-request',
    message: string,
  ) {
    super(message);
  }
}

export type { InvokeChannel };
