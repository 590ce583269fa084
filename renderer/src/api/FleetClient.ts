/**
 * The renderer's only way to the core. Everything else in the renderer talks to a FleetClient;
 * which transport sits behind it (Electron IPC or the browser host's WebSocket) is chosen at start-up.
 */
import type { ApiResult, InvokeChannel, InvokeRequest, InvokeResponse, PushChannel, PushPayload } from '../../../shared/ipc/contract';

export type ConnectionState = 'open' | 'reconnecting' | 'closed';

export interface FleetClient {
  /** 'ipc' inside Electron, 'web' in the browser host. */
  readonly kind: 'ipc' | 'web';
  invoke<C extends InvokeChannel>(channel: C, req: InvokeRequest<C>): Promise<ApiResult<InvokeResponse<C>>>;
  on<C extends PushChannel>(channel: C, listener: (payload: PushPayload<C>) => void): () => void;
  readonly connection: ConnectionState;
  onDidChangeConnection(listener: (state: ConnectionState) => void): () => void;
  dispose(): void;
}

/** A tiny listener set; listener errors are isolated so one bad subscriber cannot break pushes. */
export class ListenerSet<T> {
  private listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  fire(value: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch (err) {
        (globalThis as { reportError?: (e: unknown) => void }).reportError?.(err);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** Turns a failed result into a readable line for a toast or inline error. */
export function describeError(result: { ok: false; error: { code: string; message: string } }): string {
  return result.error.code === 'unavailable' ? result.error.message : `${result.error.message} (${result.error.code})`;
}
