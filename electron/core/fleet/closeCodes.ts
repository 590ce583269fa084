/**
 * Named close handling (house rule 8, §6.7). Decides what a socket ending means; the session
 * only executes the decision. Pre-accept closes arrive as HTTP statuses on the handshake (§1.7).
 */
import type { SocketClose } from '../hybrid-dns/WireSocket';

export const CLOSE_REASON = {
  replaced: /Replaced by new connection/i,
  userDisconnected: /User disconnected/i,
} as const;

export type CloseAction =
  | { kind: 'replaced' }
  | { kind: 'quick-retry'; detail: string }
  | { kind: 'handshake-403' }
  | { kind: 'refused'; detail: string }
  | { kind: 'network'; detail: string; unreachable: boolean };

export function classifyClose(
  close: SocketClose,
  establishedAt: number | null,
  now: number,
  userDisconnectedWindowMs: number,
): CloseAction {
  if (close.wasOpen && CLOSE_REASON.replaced.test(close.reason)) return { kind: 'replaced' };
  if (
    close.wasOpen &&
    CLOSE_REASON.userDisconnected.test(close.reason) &&
    establishedAt !== null &&
    now - establishedAt <= userDisconnectedWindowMs
  ) {
    // Q5 cascade: the server's stale handler closed our fresh socket; it settles in seconds.
    return { kind: 'quick-retry', detail: 'closed right after connecting ("User disconnected"); retrying shortly' };
  }
  if (!close.wasOpen && close.httpStatus === 403) return { kind: 'handshake-403' };
  if (!close.wasOpen && close.httpStatus !== null)
    return { kind: 'refused', detail: `WebSocket handshake refused: HTTP ${close.httpStatus}` };
  if (close.wasOpen)
    return { kind: 'network', detail: `connection closed (${close.code}${close.reason ? ` ${close.reason}` : ''})`, unreachable: false };
  return { kind: 'network', detail: `cannot open WebSocket: ${close.error ?? 'unknown error'}`, unreachable: !close.tls };
}
