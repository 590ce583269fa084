/**
 * The IPC server: one invoke channel carrying the whole contract, one push channel. Every invoke
 * is checked twice before the core sees it: the sender frame must be our renderer, and the
 * payload must match the contract (dispatchInvoke). Failures are answered as data, never thrown.
 */
import { invokeChannels, type ApiResult } from '../../shared/ipc/contract';
import { dispatchInvoke } from '../../shared/ipc/dispatch';
import type { CoreHandle, PushMessage } from '../core/api/CoreHandle';
import type { Logger } from '../core/platform';
import { IPC_INVOKE, IPC_PUSH } from '../preload/bridgeTypes';
import { isTrustedRendererUrl, type RendererLocation } from './security';

import type { IpcMainLike } from './electronApi';

/** The slice of Electron's IpcMainInvokeEvent / WebContents used here. */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
}
export interface PushTarget {
  isDestroyed(): boolean;
  send(channel: string, message: PushMessage): void;
}

export interface IpcServerDeps {
  ipc: IpcMainLike;
  /**
   * The core, or its pending start: the handler is registered before the keychain answers, so the
   * window's first requests wait for the core instead of failing with "no handler registered".
   */
  core: Promise<Pick<CoreHandle, 'handlers' | 'onPush'>>;
  renderer: RendererLocation;
  /** The renderers to push to (the main window's webContents). */
  targets: () => PushTarget[];
  logger: Logger;
}

const untrusted: ApiResult<never> = {
  ok: false,
  error: { code: 'invalid-request', message: 'sender is not the DNS Fleet Monitor window' },
};
const unknownChannel = (channel: unknown): ApiResult<never> => ({
  ok: false,
  error: { code: 'unknown-channel', message: `unknown channel ${String(channel).slice(0, 80)}` },
});
const notStarted: ApiResult<never> = { ok: false, error: { code: 'unavailable', message: 'the monitor failed to start; see the log' } };

export function startIpcServer(deps: IpcServerDeps): () => void {
  const { ipc, core, renderer, logger } = deps;
  ipc.handle(IPC_INVOKE, async (event, channel, payload) => {
    const url = event.senderFrame?.url;
    if (!isTrustedRendererUrl(url, renderer)) {
      logger.warn('rejected invoke from an untrusted frame', { url: String(url).slice(0, 200), channel: String(channel).slice(0, 80) });
      return untrusted;
    }
    // An own key of the contract only: `__proto__` or `constructor` from a frame is just unknown.
    if (typeof channel !== 'string' || !Object.hasOwn(invokeChannels, channel)) return unknownChannel(channel);
    const ready = await core.catch(() => null);
    if (!ready) return notStarted;
    return dispatchInvoke(ready.handlers, channel, payload, (ch, err) => logger.error('invoke failed', { channel: ch, err }));
  });
  let stopped = false;
  let stopPush = () => {};
  const forward = (message: PushMessage) => {
    for (const target of deps.targets()) {
      if (target.isDestroyed()) continue;
      try {
        target.send(IPC_PUSH, message);
      } catch (err) {
        logger.warn('push to renderer failed', { channel: message.channel, err });
      }
    }
  };
  void core.then(
    (ready) => {
      if (!stopped) stopPush = ready.onPush(forward);
    },
    () => {},
  );
  return () => {
    stopped = true;
    stopPush();
    ipc.removeHandler(IPC_INVOKE);
  };
}
