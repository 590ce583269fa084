// Test helpers: a ws client that buffers frames and lets tests wait for events (no sleeps),
// REST login, and a "skeleton" of a frame (keys, separators, value kinds) for vector comparison.
import WebSocket from 'ws';
import type { EmulatedServer } from '../../../electron/emulator';

export interface Frame {
  raw: string;
  msg: Record<string, unknown>;
}

export class TestSocket {
  readonly frames: Frame[] = [];
  private waiters: Array<() => void> = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  /** HTTP status when the handshake was refused */
  readonly refused: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const raw = data.toString();
      let msg: Record<string, unknown> = {};
      try {
        msg = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        /* raw frames */
      }
      this.frames.push({ raw, msg });
      this.wake();
    });
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    this.opened.catch(() => undefined);
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => {
        this.wake();
        resolve({ code, reason: reason.toString() });
      }),
    );
    this.refused = new Promise((resolve) =>
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        ws.terminate();
      }),
    );
    ws.on('error', () => undefined);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Wait for the first frame (after index `from`) matching the predicate. */
  async next(pred: (f: Frame) => boolean, timeoutMs = 5000, from = 0): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.frames.slice(from).find(pred);
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timeout waiting for frame; got types ${this.frames.map((f) => String(f.msg['type'])).join(',')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  type(type: string, timeoutMs = 5000, from = 0): Promise<Frame> {
    return this.next((f) => f.msg['type'] === type, timeoutMs, from);
  }

  count(type: string): number {
    return this.frames.filter((f) => f.msg['type'] === type).length;
  }

  send(v: unknown): void {
    this.ws.send(typeof v === 'string' ? v : JSON.stringify(v));
  }

  close(): void {
    this.ws.terminate();
  }
}

export function connect(server: EmulatedServer, path: string, token?: string, extra: WebSocket.ClientOptions = {}): TestSocket {
  const base = server.url.replace(/^http/, 'ws');
  const q = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return new TestSocket(new WebSocket(`${base}${path}${q}`, { ca: server.caPem, ...extra }));
}

export async function login(
  server: EmulatorLike,
  username = 'monitor',
  password = 'monitor-pass',
  totpCode?: string,
): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(totpCode === undefined ? { username, password } : { username, password, totp_code: totpCode }),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

type EmulatorLike = { url: string };

export async function token(server: EmulatorLike, username = 'monitor', password = 'monitor-pass'): Promise<string> {
  const r = await login(server, username, password);
  return r.body['access_token'] as string;
}

export async function get(
  server: EmulatorLike,
  path: string,
  bearer?: string,
): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {}, redirect: 'manual' });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* html */
  }
  return { status: res.status, body, text, headers: res.headers };
}

/**
 * Skeleton of a json.dumps frame: keys kept, string values -> "S", ints -> I, floats -> F, booleans -> B.
 * Equal skeletons mean same key order, separators and value kinds (values may be illustrative, §9).
 */
export function skeleton(frame: string): string {
  return frame.replace(
    /"(?:[^"\\]|\\.)*"(\s*:)?|-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false/g,
    (m: string, colon?: string, frac?: string, exp?: string) => {
      if (m.startsWith('"')) return colon ? m : '"S"';
      if (m === 'true' || m === 'false') return 'B';
      return frac || exp ? 'F' : 'I';
    },
  );
}

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll a condition (for server-side state such as stats), without fixed sleeps. */
export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(10);
  }
}
