/** The real Sender: one JSON POST with a bounded time, no redirects followed (a redirect is not a delivery). */
import type { Sender } from './AlertForwarder';

const SEND_TIMEOUT_MS = 10_000;

export const httpSender: Sender = async (url, body, headers = {}) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  await res.body?.cancel();
  return res.status;
};
