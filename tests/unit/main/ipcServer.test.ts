import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { startIpcServer, type InvokeEventLike, type PushTarget } from '../../../electron/main/ipcServer';
import { rendererLocation } from '../../../electron/main/security';
import type { PushMessage } from '../../../electron/core/api/CoreHandle';
import { Emitter } from '../../../electron/core/util/Emitter';
import { nullLogger } from '../../../electron/core/util/logger';
import type { ApiHandlers } from '../../../shared/ipc/contract';

const indexFile = '/app/out/renderer/index.html';
const renderer = rendererLocation({ isPackaged: true, indexFile });
const ours: InvokeEventLike = { senderFrame: { url: pathToFileURL(indexFile).href + '#/fleet' } };

function setup() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipc = {
    handle: (ch: string, fn: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>) => void handlers.set(ch, fn),
    removeHandler: (ch: string) => void handlers.delete(ch),
  };
  const calls: unknown[] = [];
  const api = {
    'alerts:acknowledge': async (req: unknown) => {
      calls.push(req);
      return { ok: true as const };
    },
  } as unknown as ApiHandlers;
  const pushes = new Emitter<PushMessage>();
  const sent: [string, PushMessage][] = [];
  const live: PushTarget = { isDestroyed: () => false, send: (ch, m) => void sent.push([ch, m]) };
  const dead: PushTarget = {
    isDestroyed: () => true,
    send: () => {
      throw new Error('destroyed');
    },
  };
  const stop = startIpcServer({
    ipc,
    core: Promise.resolve({ handlers: api, onPush: pushes.event }),
    renderer,
    targets: () => [live, dead],
    logger: nullLogger,
  });
  const invoke = (event: InvokeEventLike, channel: unknown, payload: unknown) => handlers.get('dnsfleet:invoke')!(event, channel, payload);
  return { handlers, calls, pushes, sent, stop, invoke };
}

describe('IPC server', () => {
  it('dispatches a valid invoke from our window to the core, with contract defaults applied', async () => {
    const s = setup();
    await expect(s.invoke(ours, 'alerts:acknowledge', { ids: ['a1'] })).resolves.toEqual({ ok: true, value: { ok: true } });
    expect(s.calls).toEqual([{ ids: ['a1'], note: '' }]);
  });

  it('answers an untrusted sender with an error and never reaches the core', async () => {
    const s = setup();
    for (const event of [
      { senderFrame: { url: 'https://evil.example/' } },
      { senderFrame: null },
      { senderFrame: { url: 'file:///tmp/x.html' } },
    ]) {
      const res = (await s.invoke(event, 'alerts:acknowledge', { ids: ['a1'] })) as { ok: boolean; error: { code: string } };
      expect(res).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(s.calls).toEqual([]);
  });

  it('answers invalid payloads and unknown channels as data', async () => {
    const s = setup();
    await expect(s.invoke(ours, 'alerts:acknowledge', { ids: [] })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    await expect(s.invoke(ours, 'fs:readFile', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(s.calls).toEqual([]);
  });

  it('forwards core pushes to live windows on dnsfleet:push, and stops on dispose', async () => {
    const s = setup();
    await Promise.resolve(); // the core is handed over as a promise
    const message = { channel: 'fleet:onDidRemoveServer', payload: { serverId: 'dns-1' } } as PushMessage;
    s.pushes.fire(message);
    expect(s.sent).toEqual([['dnsfleet:push', message]]);
    s.stop();
    s.pushes.fire(message);
    expect(s.sent).toHaveLength(1);
    expect(s.handlers.has('dnsfleet:invoke')).toBe(false);
  });
});

describe('IPC server while the core starts', () => {
  const ipcDouble = () => {
    const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
    return { handlers, handle: (ch: string, fn: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>) => void handlers.set(ch, fn), removeHandler: (ch: string) => void handlers.delete(ch) };
  };

  it('a request made before the keychain answered waits for the core instead of failing', async () => {
    const ipc = ipcDouble();
    let ready: (core: { handlers: ApiHandlers; onPush: Emitter<PushMessage>['event'] }) => void = () => {};
    const core = new Promise<{ handlers: ApiHandlers; onPush: Emitter<PushMessage>['event'] }>((r) => (ready = r));
    startIpcServer({ ipc, core, renderer, targets: () => [], logger: nullLogger });
    const answer = ipc.handlers.get('dnsfleet:invoke')!(ours, 'alerts:acknowledge', { ids: ['a1'] });
    const api = { 'alerts:acknowledge': async () => ({ ok: true as const }) } as unknown as ApiHandlers;
    ready({ handlers: api, onPush: new Emitter<PushMessage>().event });
    await expect(answer).resolves.toEqual({ ok: true, value: { ok: true } });
  });

  it('a core that failed to start is answered as data, not a rejection', async () => {
    const ipc = ipcDouble();
    startIpcServer({ ipc, core: Promise.reject(new Error('keychain exploded')), renderer, targets: () => [], logger: nullLogger });
    await expect(ipc.handlers.get('dnsfleet:invoke')!(ours, 'alerts:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
