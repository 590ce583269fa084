/**
 * The bridge fuzzer: a local page or script that holds the token (or not) and sends everything it
 * can: prototype-named channels, wrong types, generated payloads on every channel, binary and
 * oversize frames, and floods past the in-flight limit. Against the real browser host process:
 * it stays up, answers every frame exactly once, keeps its memory bounded, and its state honest
 * (no server appears that nobody validly added).
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { INVOKE_CHANNELS } from '../../../shared/ipc/contract';
import { startWebHost, type WebHostProcess } from './webHost';

const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
/** Starting the demo fleet is a valid request with an empty payload: the one call left out. */
const CHANNELS = INVOKE_CHANNELS.filter((c) => c !== 'fleet:startDemo');

/** Peak resident memory (VmHWM) of a process and its descendants, in MB. */
function peakRssMb(root: number): number {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const inTree = (pid: number): boolean => pid === root || (parent.has(pid) && parent.get(pid) !== pid && parent.get(pid)! > 1 && inTree(parent.get(pid)!));
  let peakKb = 0;
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      peakKb = Math.max(peakKb, Number(m?.[1] ?? 0));
    } catch {
      /* gone */
    }
  }
  return peakKb / 1024;
}

const id = fc.oneof({ weight: 6, arbitrary: fc.nat() }, fc.integer({ min: -5, max: -1 }), fc.double(), fc.string({ maxLength: 5 }), fc.constant(null), fc.constant(Number.MAX_SAFE_INTEGER + 2));
const channel = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...CHANNELS) }, { weight: 2, arbitrary: fc.constantFrom(...PROTO) }, fc.string({ maxLength: 120 }), fc.integer(), fc.constant(null));
const payload = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.constantFrom('id', 'config', 'fleet', 'filter', 'cursor', 'password', ...PROTO), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }));
const frame = fc.oneof(
  { weight: 8, arbitrary: fc.record({ id, channel, payload }, { requiredKeys: [] }).map((f) => JSON.stringify(f)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
  { weight: 1, arbitrary: fc.constantFrom('null', '[]', '42', '"x"', '{"id":1,"channel":"__proto__"}', '{"__proto__":{"channel":"fleet:getSnapshot"},"id":2}') },
);

describe('bridge fuzzer against the real browser host', () => {
  let host: WebHostProcess;
  beforeAll(async () => {
    host = await startWebHost();
  }, 40_000);
  afterAll(async () => host?.stop());

  const open = (): Promise<{ ws: WebSocket; answers: unknown[] }> => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/bridge`, ['dnsfleet.v1', `dnsfleet.token.${host.token}`], { origin: `http://127.0.0.1:${host.port}`, maxPayload: 64 * 1024 * 1024 });
    const answers: unknown[] = [];
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString()) as { push?: string };
      if (f.push === undefined) answers.push(f);
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve({ ws, answers }));
      ws.once('error', reject);
    });
  };
  const until = async (cond: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return cond();
  };
  const invoke = async (ws: WebSocket, answers: unknown[], ch: string, n: number) => {
    ws.send(JSON.stringify({ id: n, channel: ch, payload: {} }));
    expect(await until(() => answers.some((a) => (a as { id?: number }).id === n), 10_000)).toBe(true);
    return answers.find((a) => (a as { id?: number }).id === n) as { result: { ok: boolean; value?: { servers?: unknown[] } } };
  };

  it('answers every generated frame, stays up with bounded memory, and adds nothing', async () => {
    const frames = fc.sample(frame, { numRuns: 5000, seed: 17 });
    const { ws, answers } = await open();
    // A flood: all at once, far past the 64 requests the host lets one tab have in flight.
    for (const f of frames) ws.send(f);
    for (let i = 0; i < 20; i++) ws.send(Buffer.from([0, 1, 2, i]), { binary: true });
    expect(await until(() => answers.length >= frames.length + 20, 45_000)).toBe(true);
    expect(answers).toHaveLength(frames.length + 20);

    // Oversize: the connection is closed (1009), the host is not.
    const big = await open();
    const closed = new Promise<number>((r) => big.ws.once('close', (code) => r(code)));
    big.ws.send(JSON.stringify({ id: 1, channel: 'events:query', payload: { pad: 'x'.repeat(4 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);

    // Prototype names are unknown channels: answered as such, never run into a handler's throw.
    const probes = [...PROTO, ...PROTO.map((p) => `fleet:${p}`)];
    probes.forEach((ch, i) => ws.send(JSON.stringify({ id: 1_000_000 + i, channel: ch, payload: {} })));
    expect(await until(() => probes.every((_, i) => answers.some((a) => (a as { id?: number }).id === 1_000_000 + i)), 10_000)).toBe(true);
    for (const [i, ch] of probes.entries()) {
      expect(answers.find((a) => (a as { id?: number }).id === 1_000_000 + i), ch).toMatchObject({ result: { ok: false, error: { code: 'unknown-channel' } } });
    }

    const snapshot = await invoke(ws, answers, 'fleet:getSnapshot', 999_999);
    expect(snapshot.result.ok).toBe(true);
    expect(snapshot.result.value?.servers).toEqual([]);
    expect((await invoke(ws, answers, 'app:getHealth', 999_998)).result.ok).toBe(true);
    expect(host.child.exitCode).toBeNull();
    const peak = peakRssMb(host.child.pid!);
    process.stdout.write(`bridge fuzzer: ${frames.length} frames, peak RSS of the web host ${peak.toFixed(0)} MB\n`);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(600);
    ws.close();
  }, 90_000);
});
