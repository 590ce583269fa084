/**
 * Peak RSS against a hostile server on 127.0.0.1 (issue 17.8), measured, not asserted:
 *   npx tsx tests/bench/hostileMemory.ts [zones|frames]
 * 1. zone pages of 90,000 names with has_next: true forever, read by the Poller (two polls);
 * 2. three 90 MB WebSocket frames sent to one WireSocket.
 * Prints the RSS before and the peak during each, sampled every 20 ms.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { Poller } from '../../electron/core/fleet/Poller';
import { SnapshotDiffer } from '../../electron/core/hybrid-dns/differ';
import { RestClient } from '../../electron/core/hybrid-dns/RestClient';
import { WireSocket } from '../../electron/core/hybrid-dns/WireSocket';
import { nullLogger } from '../../electron/core/util/logger';

const MB = 1024 * 1024;
const rss = (): number => Math.round(process.memoryUsage().rss / MB);

async function peakDuring(run: () => Promise<void>): Promise<{ beforeMb: number; peakMb: number }> {
  global.gc?.();
  const beforeMb = rss();
  let peakMb = beforeMb;
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, rss())), 20);
  await run();
  clearInterval(sampler);
  return { beforeMb, peakMb: Math.max(peakMb, rss()) };
}

async function zonePages(): Promise<{ beforeMb: number; peakMb: number; zoneRequests: number }> {
  const items = Array.from({ length: 90_000 }, (_, i) => ({ id: i + 1, name: `zone-${i + 1}.hostile.example`, serial: 1, is_active: true }));
  const page = JSON.stringify({ items, has_next: true });
  let zoneRequests = 0;
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/api/zones/')) zoneRequests++;
    res.writeHead(req.url?.startsWith('/api/zones/') ? 200 : 404, { 'content-type': 'application/json' });
    res.end(req.url?.startsWith('/api/zones/') ? page : '{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const rest = new RestClient({ baseUrl: `http://127.0.0.1:${port}`, tls: {}, logger: nullLogger, timeoutMs: 60_000 });
  const poller = new Poller(new SnapshotDiffer('s1', Date.now), { events: () => {}, signal: () => {}, metric: () => {} }, nullLogger, Date.now);
  const result = await peakDuring(async () => {
    await poller.poll(rest, 't');
    await poller.poll(rest, 't');
  });
  server.close();
  return { ...result, zoneRequests };
}

/** The sender runs in a child process, so its 270 MB of send buffers are not counted here. */
async function bigFrames(): Promise<{ beforeMb: number; peakMb: number; closedWith: string }> {
  const sender = `
    const { WebSocketServer } = require('ws');
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    wss.on('listening', () => process.stdout.write(String(wss.address().port) + '\\n'));
    wss.on('connection', (ws) => { const f = 'x'.repeat(90 * 1024 * 1024); for (let i = 0; i < 3; i++) ws.send(f); ws.close(1000, 'done'); });`;
  const child = spawn(process.execPath, ['-e', sender], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((r) => child.stdout.once('data', (d: Buffer) => r(Number(d.toString().trim()))));
  let closedWith = '';
  const result = await peakDuring(
    () =>
      new Promise<void>((resolve) => {
        const sock = new WireSocket({ baseUrl: `http://127.0.0.1:${port}`, path: '/', token: 't', tls: {}, logger: nullLogger, handshakeTimeoutMs: 10_000 });
        sock.onDidReceive(() => undefined);
        sock.onDidClose((c) => {
          closedWith = `${c.code} ${c.reason}`;
          resolve();
        });
        sock.open();
      }),
  );
  child.kill();
  return { ...result, closedWith };
}

const only = process.argv[2]; // zones | frames
if (only !== 'frames') console.log(JSON.stringify({ zonePages: await zonePages() }));
if (only !== 'zones') console.log(JSON.stringify({ bigFrames: await bigFrames() }));
