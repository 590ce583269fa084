import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { nullLogger } from '../../../electron/core/util/logger';
import { startWebBridge, type WebBridge } from '../../../electron/hosts/web/WebBridge';
import type { ConnectionState } from '../../../renderer/src/api/FleetClient';
import { WebSocketTransport, type SocketLike } from '../../../renderer/src/api/WebSocketTransport';
import { FakeCore } from '../../e2e/support/FakeCore';
import { serverStatus } from '../../e2e/support/fakeData';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A `ws` socket that sends the Origin a browser on the bridge's page would send. */
const socketFor = (origin: string) => (url: string, protocols: string[]) => new WebSocket(url, protocols, { origin }) as unknown as SocketLike;

function nextState(t: WebSocketTransport, wanted: ConnectionState): Promise<void> {
  if (t.connection === wanted) return Promise.resolve();
  return new Promise((r) => {
    const off = t.onDidChangeConnection((s) => s === wanted && (off(), r()));
  });
}

async function bridgeWithCore(): Promise<{ core: FakeCore; bridge: WebBridge }> {
  const core = new FakeCore();
  const bridge = await startWebBridge({ core, port: 0, staticDir: '/nonexistent', logger: nullLogger });
  cleanups.push(() => core.dispose(), () => bridge.close());
  return { core, bridge };
}

describe('WebSocketTransport against the real bridge', () => {
  it('invokes, receives pushes, and answers with data when the host goes away', async () => {
    const { core, bridge } = await bridgeWithCore();
    core.setServer(serverStatus('dns-1', 'live'));
    const t = new WebSocketTransport({ url: `ws://127.0.0.1:${bridge.port}/bridge`, token: bridge.token, createSocket: socketFor(`http://127.0.0.1:${bridge.port}`), minDelayMs: 20, maxDelayMs: 50 });
    cleanups.push(() => t.dispose());
    const snap = await t.invoke('fleet:getSnapshot', {});
    expect(snap.ok && snap.value.servers.map((s) => s.serverId)).toEqual(['dns-1']);

    const pushed = new Promise((r) => t.on('fleet:onDidChangeServer', r));
    core.setServer(serverStatus('dns-1', 'offline'));
    expect(await pushed).toMatchObject({ serverId: 'dns-1', state: 'offline' });

    const bad = await t.invoke('servers:submitTotp', { id: 'dns-1', code: 'nope' });
    expect(bad.ok).toBe(false);

    await bridge.close();
    await nextState(t, 'reconnecting');
    const r = await Promise.race([t.invoke('app:getHealth', {}), new Promise((res) => setTimeout(() => res('still waiting'), 50))]);
    expect(r).toBe('still waiting'); // queued for the reconnect, not failed and not thrown
  });

  it('reconnects after the socket drops and sends queued invokes', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'dnsfleet.v1' });
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    let connections = 0;
    wss.on('connection', (ws) => {
      connections++;
      ws.on('message', (d) => {
        const { id } = JSON.parse(d.toString()) as { id: number };
        ws.send(JSON.stringify({ id, result: { ok: true, value: { connection: connections } } }));
      });
    });
    await new Promise((r) => wss.once('listening', r));
    const port = (wss.address() as { port: number }).port;
    const t = new WebSocketTransport({ url: `ws://127.0.0.1:${port}/bridge`, token: 't', createSocket: socketFor('x'), minDelayMs: 20, maxDelayMs: 50 });
    cleanups.push(() => t.dispose());
    await nextState(t, 'open');
    const reconnecting = nextState(t, 'reconnecting');
    for (const c of wss.clients) c.terminate();
    await reconnecting;
    const answer = t.invoke('app:getHealth', {});
    await nextState(t, 'open');
    expect(await answer).toEqual({ ok: true, value: { connection: 2 } });
  });

  it('fails requests as data once disposed', async () => {
    const t = new WebSocketTransport({ url: 'ws://127.0.0.1:9/bridge', token: 't', createSocket: socketFor('x'), minDelayMs: 1000 });
    t.dispose();
    expect(t.connection).toBe('closed');
    expect(await t.invoke('app:getHealth', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
