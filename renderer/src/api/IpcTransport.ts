/** Electron: the preload's narrow bridge (`window.dnsfleet`). The connection is the process itself. */
import type { ApiResult, InvokeChannel, InvokeRequest, InvokeResponse, PushChannel, PushPayload } from '../../../shared/ipc/contract';
import type { ConnectionState, FleetClient } from './FleetClient';

export interface DnsFleetBridge {
  invoke(channel: string, payload: unknown): Promise<ApiResult<unknown>>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    dnsfleet?: DnsFleetBridge;
  }
}

export class IpcTransport implements FleetClient {
  readonly kind = 'ipc' as const;
  readonly connection: ConnectionState = 'open';

  constructor(private readonly bridge: DnsFleetBridge) {}

  invoke<C extends InvokeChannel>(channel: C, req: InvokeRequest<C>): Promise<ApiResult<InvokeResponse<C>>> {
    return this.bridge.invoke(channel, req).catch((err: unknown) => ({
      ok: false as const,
      error: { code: 'internal' as const, message: String((err as Error)?.message ?? err) },
    })) as Promise<ApiResult<InvokeResponse<C>>>;
  }

  on<C extends PushChannel>(channel: C, listener: (payload: PushPayload<C>) => void): () => void {
    return this.bridge.on(channel, listener as (payload: unknown) => void);
  }

  onDidChangeConnection(): () => void {
    return () => {};
  }

  dispose(): void {}
}
