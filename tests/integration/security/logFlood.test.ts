import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/core/util/logger';
import { startWebHost } from './webHost';

// Issue 17 item 7: invalid frames wrote 260 MB of dnsfleet.log in 37 s; 5,000 tokenless upgrade
// requests with 7 KB headers wrote 71 MB of web.log in 1.8 s. Logs are capped and warnings rate-limited.
const logBytes = (dir: string) => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);

describe('log flooding', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-logs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a repeated warning is written a few times, then counted as suppressed', () => {
    let now = 0;
    const log = createLogger('fleet', { file: join(dir, 'app.log'), clock: () => now });
    for (let i = 0; i < 10_000; i++) log.warn('frame rejected', { serverId: 'dns-1', head: 'x'.repeat(500) });
    now += 61_000;
    log.warn('frame rejected', { serverId: 'dns-1' });
    const lines = readFileSync(join(dir, 'app.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { msg: string; fields?: { suppressed?: number } });
    expect(lines.length).toBeLessThan(30);
    const summary = lines.find((l) => /suppressed/.test(l.msg));
    expect(summary?.fields?.suppressed).toBeGreaterThan(9_000);
    // A different message is not held back by the flood.
    log.error('disk full');
    expect(readFileSync(join(dir, 'app.log'), 'utf8')).toContain('disk full');
  });

  it('distinct lines rotate: the files together stay under the cap', () => {
    const log = createLogger('fleet', { file: join(dir, 'app.log'), maxFileBytes: 256 * 1024, maxFiles: 3 });
    for (let i = 0; i < 20_000; i++) log.info(`distinct message ${i}`, { pad: 'y'.repeat(200) });
    expect(logBytes(dir)).toBeLessThanOrEqual(3 * 256 * 1024);
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'app.log.1', 'app.log.2']);
    expect(readFileSync(join(dir, 'app.log'), 'utf8')).toContain('distinct message 19999');
  });

  it('2,000 tokenless upgrade requests with 7 KB headers write little to web.log', async () => {
    const host = await startWebHost();
    try {
      const origin = `http://${'o'.repeat(7000)}.example`;
      for (let batch = 0; batch < 20; batch++) {
        await Promise.all(
          Array.from({ length: 100 }, () => new Promise<void>((resolve) => {
            const req = request({ host: '127.0.0.1', port: host.port, path: '/bridge', agent: false, headers: { host: `127.0.0.1:${host.port}`, origin, connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
            req.on('response', () => resolve());
            req.on('upgrade', () => resolve());
            req.on('error', () => resolve());
            req.end();
          })),
        );
      }
      expect(host.child.exitCode).toBeNull();
      const logs = join(host.dataDir, 'logs');
      process.stdout.write(`log flood: 2,000 refused upgrades wrote ${logBytes(logs)} bytes of logs\n`);
      expect(logBytes(logs)).toBeLessThan(512 * 1024);
    } finally {
      await host.stop();
    }
  }, 60_000);
});
