/**
 * The renderer-facing bridge type (window.dnsfleet). No electron import here, so the renderer's
 * type declaration (renderer/src/api/dnsfleet.d.ts) can import it.
 */
import type { ApiResult, InvokeChannel, InvokeRequest, InvokeResponse, PushChannel, PushPayload } from '../../shared/ipc/contract';

export interface DnsFleetBridge {
  /** Call the core. Never rejects for a domain error: the answer is `{ ok: false, error }`. */
  invoke<C extends InvokeChannel>(channel: C, payload: InvokeRequest<C>): Promise<ApiResult<InvokeResponse<C>>>;
  /** Listen to a push channel; the listener gets the payload only. Returns an unsubscribe function. */
  on<C extends PushChannel>(channel: C, listener: (payload: PushPayload<C>) => void): () => void;
}

/** The two IPC channels between preload and main; everything else is multiplexed inside them. */
export const IPC_INVOKE = 'dnsfleet:invoke';
export const IPC_PUSH = 'dnsfleet:push';
/** window[BRIDGE_KEY] in the renderer. */
export const BRIDGE_KEY = 'dnsfleet';
