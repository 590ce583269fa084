/**
 * Builds window.dnsfleet from an ipcRenderer-like object: only contract channels pass, the raw
 * ipcRenderer never leaves this file, and push listeners get the payload, not the IPC event.
 */
import type { ApiResult, PushChannel } from '../../shared/ipc/contract';
import { IPC_INVOKE, IPC_PUSH, type DnsFleetBridge } from './bridgeTypes';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridge(ipc: IpcRendererLike, allowed: { invoke: readonly string[]; push: readonly string[] }): DnsFleetBridge {
  const invokeAllowed = new Set(allowed.invoke);
  const pushAllowed = new Set(allowed.push);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const route = (_event: unknown, message: unknown) => {
    const m = message as { channel?: unknown; payload?: unknown } | null;
    if (!m || typeof m.channel !== 'string' || !pushAllowed.has(m.channel)) return;
    for (const l of [...(listeners.get(m.channel) ?? [])]) l(m.payload);
  };
  let routing = false;

  const bridge = {
    invoke: (channel: string, payload: unknown): Promise<ApiResult<unknown>> => {
      if (!invokeAllowed.has(channel))
        return Promise.resolve({
          ok: false,
          error: { code: 'unknown-channel', message: `channel not allowed: ${String(channel).slice(0, 80)}` },
        });
      return ipc.invoke(IPC_INVOKE, channel, payload) as Promise<ApiResult<unknown>>;
    },
    on: (channel: PushChannel, listener: (payload: unknown) => void): (() => void) => {
      if (!pushAllowed.has(channel)) throw new Error(`push channel not allowed: ${String(channel).slice(0, 80)}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      if (!routing) {
        ipc.on(IPC_PUSH, route);
        routing = true;
      }
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
  };
  return Object.freeze(bridge) as unknown as DnsFleetBridge;
}
