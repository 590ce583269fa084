import type { ApiHandlers, PushChannel, PushPayload } from '../../../shared/ipc/contract';
import type { Disposer } from '../util/Emitter';

/** A push message on its way to a renderer (IPC send, WebSocket frame, JSON line). */
export interface PushMessage<C extends PushChannel = PushChannel> {
  channel: C;
  payload: PushPayload<C>;
}

/**
 * What a host gets from the composition root: the contract's handlers and the push stream.
 * Hosts only move these over their transport; they add no logic.
 */
export interface CoreHandle {
  readonly handlers: ApiHandlers;
  /** Connect to the servers. Hosts subscribe to onPush first, so no early state is missed. */
  start(): void;
  onPush(listener: (message: PushMessage) => void): Disposer;
  dispose(): Promise<void>;
}
