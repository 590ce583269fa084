import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHostProcess } from './webHost';

// Issue 17 item 1: `{"id":1,"channel":"__proto__"}` used to end the browser host (and the demo
// emulators with it). The attack runs against the real process, as a local page or script would.
describe('browser host: prototype keys from the bridge', () => {
  let host: WebHostProcess;
  beforeAll(async () => {
    host = await startWebHost();
  }, 40_000);
  afterAll(async () => host?.stop());

  function open(): Promise<{ ws: WebSocket; answer(id: number): Promise<{ id: number; result: { ok: boolean; error?: { code: string } } }> }> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/bridge`, ['dnsfleet.v1', `dnsfleet.token.${host.token}`], { origin: `http://127.0.0.1:${host.port}` });
    const waiting = new Map<number, (f: never) => void>();
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString()) as { id?: number };
      if (typeof f.id === 'number') waiting.get(f.id)?.(f as never);
    });
    // A host that dies answers nothing: fail at once with what it printed instead of timing out.
    const died = new Promise<never>((_, reject) => host.child.once('exit', (code) => reject(new Error(`web host exited (${code}):\n${host.stderr()}`))));
    const answer = (id: number) => Promise.race([new Promise<never>((resolve) => waiting.set(id, resolve)), died]);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve({ ws, answer }));
      ws.once('error', reject);
    });
  }

  it('answers every prototype-named channel with unknown-channel and keeps serving', async () => {
    const { ws, answer } = await open();
    const keys = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', 'isPrototypeOf'];
    for (const [i, channel] of keys.entries()) {
      const got = answer(i + 1);
      ws.send(JSON.stringify({ id: i + 1, channel, payload: {} }));
      expect((await got).result, channel).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    const snapshot = answer(99);
    ws.send(JSON.stringify({ id: 99, channel: 'fleet:getSnapshot', payload: {} }));
    expect((await snapshot).result.ok).toBe(true);
    ws.close();
    expect(host.child.exitCode).toBeNull();
    expect(host.stderr()).not.toMatch(/TypeError|Unhandled/);
  }, 30_000);

  it('survives a payload that is not an object on a real channel', async () => {
    const { ws, answer } = await open();
    for (const [i, payload] of [null, 42, 'x', [], { __proto__: { id: 'x' } }].entries()) {
      const got = answer(200 + i);
      ws.send(JSON.stringify({ id: 200 + i, channel: 'events:query', payload }));
      expect((await got).result.ok).toBe(false);
    }
    const after = answer(300);
    ws.send(JSON.stringify({ id: 300, channel: 'app:getHealth', payload: {} }));
    expect((await after).result.ok).toBe(true);
    ws.close();
    expect(host.child.exitCode).toBeNull();
  }, 30_000);
});
