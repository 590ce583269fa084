import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHostProcess } from './webHost';

// Issue 17 item 15: 1,100 half-sent requests from any local process (no token needed) made the
// page fail to load for as long as they lasted (the host runs under the usual desktop limit of
// 1,024 open files). Loopback only, bounded in count and time.
const ATTACKERS = 1100;

function get(port: number, path: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}` }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

function halfSend(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => {
      // A request line and one header, never the blank line that ends the headers.
      s.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Pad: ${'a'.repeat(100)}\r\n`);
      resolve(s);
    });
    s.on('error', () => {});
    s.once('error', reject);
  });
}

describe('browser host under a slowloris attack', () => {
  let host: WebHostProcess;
  const attackers: Socket[] = [];
  beforeAll(async () => {
    host = await startWebHost([], { maxFiles: 1024 });
  }, 40_000);
  afterAll(async () => {
    for (const s of attackers) s.destroy();
    await host?.stop();
  });

  it('still answers a real request while 1,100 half-sent requests are open, and sheds them', async () => {
    for (let i = 0; i < ATTACKERS; i++) attackers.push(await halfSend(host.port).catch(() => null as never));
    const open = () => attackers.filter((s) => s && !s.destroyed && s.readyState === 'open').length;
    const started = Date.now();
    expect(await get(host.port, '/', 5000)).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    // Half-sent requests do not hold the host for long: most are closed by the server well within a minute.
    const deadline = Date.now() + 25_000;
    while (open() > ATTACKERS / 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(open()).toBeLessThanOrEqual(ATTACKERS / 10);
    expect(host.child.exitCode).toBeNull();
  }, 60_000);
});
