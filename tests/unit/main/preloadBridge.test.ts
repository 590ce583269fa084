import { describe, expect, it } from 'vitest';
import { createBridge, type IpcRendererLike } from '../../../electron/preload/bridge';
import { ALLOWED_INVOKE, ALLOWED_PUSH } from '../../../electron/preload/channels';
import { INVOKE_CHANNELS, PUSH_CHANNELS } from '../../../shared/ipc/contract';

type Listener = (event: unknown, ...args: unknown[]) => void;
function fakeIpc() {
  const listeners = new Map<string, Set<Listener>>();
  const invoked: unknown[][] = [];
  const ipc: IpcRendererLike = {
    invoke: async (...args) => {
      invoked.push(args);
      return { ok: true, value: 'pong' };
    },
    on: (ch, l) => listeners.set(ch, (listeners.get(ch) ?? new Set()).add(l)),
    removeListener: (ch, l) => listeners.get(ch)?.delete(l),
  };
  const emit = (ch: string, ...args: unknown[]) => listeners.get(ch)?.forEach((l) => l({ sender: 'ipc-event-with-sender' }, ...args));
  return { ipc, invoked, emit, listeners };
}
const bridgeFor = (ipc: IpcRendererLike) => createBridge(ipc, { invoke: ALLOWED_INVOKE, push: ALLOWED_PUSH });

describe('preload allow-list', () => {
  it('matches the contract exactly', () => {
    expect([...ALLOWED_INVOKE].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect([...ALLOWED_PUSH].sort()).toEqual([...PUSH_CHANNELS].sort());
  });
});

describe('window.dnsfleet bridge', () => {
  it('exposes only invoke and on, frozen', () => {
    const bridge = bridgeFor(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('forwards allowed invokes over dnsfleet:invoke and refuses others without touching IPC', async () => {
    const f = fakeIpc();
    const bridge = bridgeFor(f.ipc);
    await expect(bridge.invoke('alerts:list', {})).resolves.toEqual({ ok: true, value: 'pong' });
    expect(f.invoked).toEqual([['dnsfleet:invoke', 'alerts:list', {}]]);
    const res = await (bridge.invoke as (c: string, p: unknown) => Promise<unknown>)('shell:exec', { cmd: 'rm -rf /' });
    expect(res).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(f.invoked).toHaveLength(1);
  });

  it('gives push listeners the payload only, per channel, until unsubscribed', () => {
    const f = fakeIpc();
    const bridge = bridgeFor(f.ipc);
    const got: unknown[] = [];
    const off = bridge.on('fleet:onDidRemoveServer', (p) => got.push(p));
    f.emit('dnsfleet:push', { channel: 'fleet:onDidRemoveServer', payload: { serverId: 'dns-1' } });
    f.emit('dnsfleet:push', { channel: 'alerts:onDidRaise', payload: { id: 'x' } });
    f.emit('dnsfleet:push', { channel: 'not-a-channel', payload: 1 });
    off();
    f.emit('dnsfleet:push', { channel: 'fleet:onDidRemoveServer', payload: { serverId: 'dns-2' } });
    expect(got).toEqual([{ serverId: 'dns-1' }]);
    expect(f.listeners.get('dnsfleet:push')?.size).toBe(1); // one IPC listener, however many subscribers
  });

  it('refuses to subscribe to a channel outside the contract', () => {
    const bridge = bridgeFor(fakeIpc().ipc);
    expect(() => (bridge.on as (c: string, l: () => void) => void)('internal:secrets', () => {})).toThrow(/not allowed/);
  });
});
